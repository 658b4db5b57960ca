package io.pacer.verdict.baseline;

import io.pacer.verdict.ResultFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Baselines as directories {@code baselines/NAME/} holding the result exactly as it was saved ({@code result.json})
 * and its description ({@code baseline.json}). A save is written aside and moved into place in one step, so a baseline
 * is either all there or not there.
 */
final class FileBaselineStorage implements BaselineStorage {

    private static final String RESULT = "result.json";
    private static final String DESCRIPTION = "baseline.json";

    private final Path directory;

    FileBaselineStorage(Path directory) {
        this.directory = directory;
    }

    Path directory() {
        return directory;
    }

    @Override
    public String location() {
        return directory.toString();
    }

    @Override
    public String howToSave() {
        return "pacer baseline save NAME RESULT.json";
    }

    @Override
    public List<String> names() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the baselines in " + directory + ": " + e, e);
        }
    }

    @Override
    public boolean exists(String name) {
        return Files.isDirectory(directory.resolve(name));
    }

    @Override
    public String descriptionSource(String name) {
        return directory.resolve(name).resolve(DESCRIPTION).toString();
    }

    @Override
    public byte[] readDescription(String name) throws IOException {
        return Files.readAllBytes(directory.resolve(name).resolve(DESCRIPTION));
    }

    @Override
    public ResultFile readResult(String name) {
        return ResultFile.read(directory.resolve(name).resolve(RESULT));
    }

    @Override
    public boolean write(String name, byte[] description, byte[] result, boolean replace) {
        Path target = directory.resolve(name);
        if (exists(name) && !replace) {
            return false;
        }
        Path staging = null;
        try {
            Files.createDirectories(directory);
            staging = Files.createTempDirectory(directory, ".saving-" + name + "-");
            Files.write(staging.resolve(RESULT), result);
            Files.write(staging.resolve(DESCRIPTION), description);
            if (Files.exists(target)) {
                Path old = Files.createTempDirectory(directory, ".replaced-" + name + "-");
                Files.delete(old);
                move(target, old);
                move(staging, target);
                deleteTree(old);
            } else {
                move(staging, target);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save baseline '" + name + "' under " + directory + ": " + e, e);
        } finally {
            removeQuietly(staging);
        }
    }

    @Override
    public void delete(String name) {
        if (!exists(name)) {
            return;
        }
        try {
            Path doomed = Files.createTempDirectory(directory, ".deleting-" + name + "-");
            Files.delete(doomed);
            move(directory.resolve(name), doomed);
            deleteTree(doomed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete baseline '" + name + "' in " + directory + ": " + e, e);
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
