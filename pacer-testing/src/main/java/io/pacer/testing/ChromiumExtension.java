package io.pacer.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.WebDriver;

/**
 * Resolves {@link Browser} (and Selenium {@link WebDriver}) parameters with one real headless Chromium per test class (starting one takes a second
 * or two; installing it, the first time on a fresh machine, about a minute). Each {@link Browser#open} forgets the
 * previous page's console errors, so tests of one class do not see each other's. JUnit closes the browser after
 * the class.
 *
 * <pre>{@code
 * @ExtendWith(ChromiumExtension.class)
 * class ReportPageTest {
 *     @Test
 *     void drawsWithoutErrors(Browser browser) {
 *         browser.open(Path.of("target/report.html"));
 *         assertThat(browser.consoleErrors()).isEmpty();
 *         browser.screenshot("report");                       // target/screenshots/report.png
 *     }
 * }
 * }</pre>
 */
public final class ChromiumExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ChromiumExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Browser.class || type == WebDriver.class;
    }

    /** The class's {@link Browser}, or its Selenium {@link WebDriver} for a test that wants Selenium itself. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Browser browser = classContext(context)
                .getStore(NAMESPACE)
                .computeIfAbsent(Browser.class, key -> Browser.start(), Browser.class);
        return parameter.getParameter().getType() == WebDriver.class ? browser.driver() : browser;
    }

    /** The test class's context, so {@code @BeforeAll} and every test of the class get the same browser. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
