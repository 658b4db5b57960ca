package io.pacer.verdict.baseline;

import io.pacer.internal.Check;
import io.pacer.internal.Json;
import io.pacer.load.RunResult;
import io.pacer.verdict.ResultFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named results kept under the data directory ({@code io.pacer.internal.DataDirectory}), so that a later run can be
 * compared with "main" or "release-1.4" instead of a file someone has to keep. Each baseline is a directory
 * {@code baselines/NAME/} holding the result exactly as it was saved ({@code result.json}) and its description
 * ({@code baseline.json}, a {@link Baseline}). A save is written aside and moved into place in one step, so a
 * baseline is either all there or not there.
 */
public final class BaselineStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String RESULT = "result.json";
    private static final String DESCRIPTION = "baseline.json";

    private final Path directory;

    /** The baselines under {@code dataDirectory}; nothing is created until something is saved. */
    public BaselineStore(Path dataDirectory) {
        this.directory = Objects.requireNonNull(dataDirectory, "dataDirectory").resolve("baselines");
    }

    /** Where the baselines are kept: {@code DATA_DIR/baselines}. */
    public Path directory() {
        return directory;
    }

    /**
     * Checks a baseline name: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.
     *
     * @return {@code name}
     */
    public static String validName(String name) {
        return Check.matches(
                "baseline name",
                name,
                NAME,
                "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }

    /**
     * Saves the run or suite result in {@code resultFile} as {@code name}.
     *
     * @param replace whether an existing baseline of that name is replaced; if not, an existing one is an error
     * @throws IllegalArgumentException for a bad name, an unreadable result, or an existing name without replace
     */
    public Baseline save(String name, Path resultFile, boolean replace, Instant now) {
        validName(name);
        ResultFile result = ResultFile.read(resultFile);
        Baseline baseline = describe(name, result, resultFile, now);
        Path target = directory.resolve(name);
        Optional<Baseline> existing = find(name);
        if (existing.isPresent() && !replace) {
            throw new IllegalArgumentException(exists(existing.get()));
        }
        Path staging = null;
        try {
            Files.createDirectories(directory);
            staging = Files.createTempDirectory(directory, ".saving-" + name + "-");
            Files.copy(resultFile, staging.resolve(RESULT), StandardCopyOption.COPY_ATTRIBUTES);
            Json.documentWriter().writeValue(staging.resolve(DESCRIPTION).toFile(), baseline);
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(directory, ".replaced-" + name + "-");
                Files.delete(old);
                move(target, old);
                move(staging, target);
                deleteTree(old);
            } else {
                move(staging, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(exists(get(name)), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save baseline '" + name + "' under " + directory + ": " + e, e);
        } finally {
            removeQuietly(staging);
        }
        return baseline;
    }

    /** Every saved baseline, by name. A baseline whose description cannot be read is listed as kind "unreadable". */
    public List<Baseline> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Baseline> all = new ArrayList<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry) && NAME.matcher(name).matches()) {
                    all.add(read(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the baselines in " + directory + ": " + e, e);
        }
        all.sort(Comparator.comparing(Baseline::name));
        return all;
    }

    /** The baseline {@code name}, if saved. */
    public Optional<Baseline> find(String name) {
        validName(name);
        Path entry = directory.resolve(name);
        return Files.isDirectory(entry) ? Optional.of(read(entry)) : Optional.empty();
    }

    /**
     * The baseline {@code name}.
     *
     * @throws IllegalArgumentException when there is none, listing the saved ones
     */
    public Baseline get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(missing(name)));
    }

    /** The saved result of the baseline {@code name}. */
    public ResultFile load(String name) {
        get(name);
        return ResultFile.read(directory.resolve(name).resolve(RESULT));
    }

    /**
     * Deletes the baseline {@code name}.
     *
     * @throws IllegalArgumentException when there is none, listing the saved ones
     */
    public Baseline delete(String name) {
        Baseline baseline = get(name);
        try {
            Path doomed = Files.createTempDirectory(directory, ".deleting-" + name + "-");
            Files.delete(doomed);
            move(directory.resolve(name), doomed);
            deleteTree(doomed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete baseline '" + name + "' in " + directory + ": " + e, e);
        }
        return baseline;
    }

    /** "no baseline 'x' in DIR; saved: a, b" — or how to save one when there are none. */
    public String missing(String name) {
        List<String> names = list().stream().map(Baseline::name).toList();
        return "no baseline '" + name + "' in " + directory + "; "
                + (names.isEmpty()
                        ? "none saved yet (save one with: pacer baseline save NAME RESULT.json)"
                        : "saved: " + String.join(", ", names));
    }

    private static String exists(Baseline existing) {
        return "baseline '" + existing.name() + "' already exists (saved " + existing.savedAt() + " from "
                + existing.source() + "); save with --force to replace it";
    }

    private static Baseline describe(String name, ResultFile result, Path source, Instant now) {
        String from = source.toAbsolutePath().normalize().toString();
        if (result.run() != null) {
            RunResult run = result.run();
            boolean measured = run.counts().operations() > 0;
            return new Baseline(
                    Baseline.SCHEMA,
                    name,
                    "run",
                    now,
                    from,
                    run.driver(),
                    run.toolVersion(),
                    run.environment() == null ? null : run.environment().start(),
                    run.rates().operationsPerSecond(),
                    run.latency().count() == 0 ? null : run.latency().p99(),
                    measured ? 100.0 * run.counts().failed() / run.counts().operations() : null,
                    null);
        }
        return new Baseline(
                Baseline.SCHEMA,
                name,
                "suite",
                now,
                from,
                result.suite().suite(),
                null,
                result.suite().startedAt(),
                null,
                null,
                null,
                result.suite().scenarios().size());
    }

    private static Baseline read(Path entry) {
        String name = entry.getFileName().toString();
        try {
            return Json.documentReader()
                    .forType(Baseline.class)
                    .readValue(entry.resolve(DESCRIPTION).toFile());
        } catch (IOException | RuntimeException e) {
            return new Baseline(
                    Baseline.SCHEMA,
                    name,
                    "unreadable",
                    Instant.EPOCH,
                    entry.toString(),
                    "cannot read " + entry.resolve(DESCRIPTION) + ": "
                            + e.getClass().getSimpleName(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Removes what a failed save left aside; a successful one has moved it into place already. */
    private static void removeQuietly(Path staging) {
        if (staging != null && Files.exists(staging)) {
            try {
                deleteTree(staging);
            } catch (IOException | UncheckedIOException e) {
                // A leftover .saving-* directory is never listed; the next save uses a new one.
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
