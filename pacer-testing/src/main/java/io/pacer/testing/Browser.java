package io.pacer.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium (Debian's {@code chromium}, driven through {@code /usr/bin/chromedriver}) for tests of
 * what Pacer renders for people: HTML reports, later the dashboard. Open a file or URL, run JavaScript in the page,
 * read the console errors it logged, and save a full-page screenshot under {@code target/screenshots/} for a person
 * to look at.
 *
 * <p>Everything is local: the binaries are given to Selenium explicitly, so Selenium Manager never runs (it would
 * download a browser), and the browser is started without background networking, sync or component updates. When
 * the binaries are absent {@link #start()} installs them with apt-get first (about a minute), so a test never skips.
 * Tests usually get one through {@link ChromiumExtension}.
 */
public final class Browser implements AutoCloseable {

    /** Window size, CSS pixels: a laptop screen, wide enough for a report's two chart columns. */
    public static final int WINDOW_WIDTH = 1400;

    public static final int WINDOW_HEIGHT = 1000;

    /** Where {@link #screenshot} writes, relative to the working directory (the module's, under Maven). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final List<String> consoleErrors = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a headless browser with a fresh profile; installs chromium and chromium-driver first if absent. */
    public static Browser start() {
        ChromiumInstall.ensure();
        Path profile;
        try {
            profile = Files.createTempDirectory("pacer-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(ChromiumInstall.BROWSER.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--window-size=" + WINDOW_WIDTH + "," + WINDOW_HEIGHT,
                "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(ChromiumInstall.DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(profile.resolve("chromedriver.log").toFile())
                .build();
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteQuietly(profile);
            throw e;
        }
    }

    /** The Selenium driver, for anything this class does not offer. */
    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code file} and waits for its load event; forgets the console errors of earlier pages. */
    public Browser open(Path file) {
        return open(file.toAbsolutePath().toUri());
    }

    /** Opens {@code uri} and waits for its load event; forgets the console errors of earlier pages. */
    public Browser open(URI uri) {
        drainConsole();
        consoleErrors.clear();
        driver.get(uri.toString());
        return this;
    }

    /** Runs {@code javascript} as a function body in the page ({@code return ...} gives a value), with arguments. */
    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Returns once {@code javascriptCondition} (an expression) is true in the page; fails after {@code timeout}. */
    public void await(Duration timeout, String javascriptCondition) {
        Await.until(
                timeout,
                javascriptCondition,
                () -> Boolean.TRUE.equals(script("return Boolean(" + javascriptCondition + ");")));
    }

    /**
     * Every error the open page logged to the console since it was opened: {@code console.error} calls, uncaught
     * exceptions and resources that failed to load, each as Chromium words it.
     */
    public List<String> consoleErrors() {
        drainConsole();
        return List.copyOf(consoleErrors);
    }

    /**
     * Saves the whole page (not only the window) as {@code target/screenshots/NAME.png} and returns its path.
     */
    public Path screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = ((Number) size.get("height")).doubleValue();
        Map<String, Object> shot = driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the screenshot " + name, e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private void drainConsole() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            // a temporary profile left behind is harmless; the test's outcome matters more
        }
    }
}
