package io.pacer.verdict.baseline;

import io.pacer.internal.Check;
import io.pacer.internal.Json;
import io.pacer.load.RunResult;
import io.pacer.verdict.ResultFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Named results, so that a later run can be compared with "main" or "release-1.4" instead of a file someone has to
 * keep: each baseline is the result exactly as it was saved and its description (a {@link Baseline}). The CLI keeps
 * them under the data directory ({@code io.pacer.internal.DataDirectory}): {@code baselines/NAME/} holding
 * {@code result.json} and {@code baseline.json}; {@code pacer serve} keeps them in its database through another
 * {@link BaselineStorage}, with the same rules and messages.
 */
public final class BaselineStore {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final BaselineStorage storage;

    /** The baselines under {@code dataDirectory}; nothing is created until something is saved. */
    public BaselineStore(Path dataDirectory) {
        this(new FileBaselineStorage(
                Objects.requireNonNull(dataDirectory, "dataDirectory").resolve("baselines")));
    }

    /** The baselines kept in {@code storage}. */
    public BaselineStore(BaselineStorage storage) {
        this.storage = Objects.requireNonNull(storage, "storage");
    }

    /**
     * Where the baselines are kept: {@code DATA_DIR/baselines}.
     *
     * @throws IllegalStateException when they are not kept in a directory
     */
    public Path directory() {
        if (storage instanceof FileBaselineStorage files) {
            return files.directory();
        }
        throw new IllegalStateException("baselines are kept in " + storage.location() + ", not in a directory");
    }

    /** Where the baselines are kept, for people: a directory, or the service's database. */
    public String location() {
        return storage.location();
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
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(resultFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resultFile + ": " + e, e);
        }
        return save(name, result, bytes, resultFile.toAbsolutePath().normalize().toString(), replace, now);
    }

    /**
     * Saves a result already read ({@code result}, read by {@link ResultFile} from {@code bytes}) as {@code name}.
     *
     * @param source where the result came from, as the description records it (a file, an upload)
     * @param replace whether an existing baseline of that name is replaced; if not, an existing one is an error
     * @throws IllegalArgumentException for a bad name, or an existing name without replace
     */
    public Baseline save(String name, ResultFile result, byte[] bytes, String source, boolean replace, Instant now) {
        validName(name);
        Baseline baseline = describe(name, result, source, now);
        byte[] description;
        try {
            description = Json.documentWriter().writeValueAsBytes(baseline);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!storage.write(name, description, bytes, replace)) {
            throw new IllegalArgumentException(exists(get(name)));
        }
        return baseline;
    }

    /** Every saved baseline, by name. A baseline whose description cannot be read is listed as kind "unreadable". */
    public List<Baseline> list() {
        List<Baseline> all = new ArrayList<>();
        for (String name : storage.names()) {
            if (NAME.matcher(name).matches()) {
                all.add(read(name));
            }
        }
        all.sort(Comparator.comparing(Baseline::name));
        return all;
    }

    /** The baseline {@code name}, if saved. */
    public Optional<Baseline> find(String name) {
        validName(name);
        return storage.exists(name) ? Optional.of(read(name)) : Optional.empty();
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
        return storage.readResult(name);
    }

    /**
     * Deletes the baseline {@code name}.
     *
     * @throws IllegalArgumentException when there is none, listing the saved ones
     */
    public Baseline delete(String name) {
        Baseline baseline = get(name);
        storage.delete(name);
        return baseline;
    }

    /** "no baseline 'x' in DIR; saved: a, b" — or how to save one when there are none. */
    public String missing(String name) {
        List<String> names = list().stream().map(Baseline::name).toList();
        return "no baseline '" + name + "' in " + storage.location() + "; "
                + (names.isEmpty()
                        ? "none saved yet (save one with: " + storage.howToSave() + ")"
                        : "saved: " + String.join(", ", names));
    }

    private static String exists(Baseline existing) {
        return "baseline '" + existing.name() + "' already exists (saved " + existing.savedAt() + " from "
                + existing.source() + "); save with --force to replace it";
    }

    private static Baseline describe(String name, ResultFile result, String from, Instant now) {
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

    private Baseline read(String name) {
        try {
            return Json.documentReader().forType(Baseline.class).readValue(storage.readDescription(name));
        } catch (IOException | RuntimeException e) {
            return new Baseline(
                    Baseline.SCHEMA,
                    name,
                    "unreadable",
                    Instant.EPOCH,
                    storage.descriptionSource(name),
                    "cannot read " + storage.descriptionSource(name) + ": "
                            + e.getClass().getSimpleName(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
    }
}
