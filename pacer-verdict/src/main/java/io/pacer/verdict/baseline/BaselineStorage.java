package io.pacer.verdict.baseline;

import io.pacer.verdict.ResultFile;
import java.io.IOException;
import java.util.List;

/**
 * Where a {@link BaselineStore} keeps its baselines: a directory under the data directory for the CLI
 * ({@link BaselineStore#BaselineStore(java.nio.file.Path)}), the service's database for {@code pacer serve}. The store
 * owns every rule — names, descriptions, replace-or-refuse, messages — so that both places behave alike; a storage
 * only keeps two documents per name, each save all there or not there.
 */
public interface BaselineStorage {

    /** Where the baselines are, for messages: {@code no baseline 'x' in LOCATION}. */
    String location();

    /** How a user saves one, for the message when there are none ({@code pacer baseline save NAME RESULT.json}). */
    String howToSave();

    /** The names saved, any order. */
    List<String> names();

    /** Whether {@code name} is saved. */
    boolean exists(String name);

    /** Where {@code name}'s description is, for messages. */
    String descriptionSource(String name);

    /**
     * The description (a {@link Baseline} as JSON) saved as {@code name}.
     *
     * @throws IOException when it cannot be read
     */
    byte[] readDescription(String name) throws IOException;

    /**
     * The result saved as {@code name}, read by {@link ResultFile}.
     *
     * @throws IllegalArgumentException when it cannot be read, naming where it is and why
     */
    ResultFile readResult(String name);

    /**
     * Saves {@code description} and {@code result} as {@code name} in one step.
     *
     * @param replace whether an existing baseline of that name is replaced
     * @return false, saving nothing, when {@code name} exists and {@code replace} is false
     */
    boolean write(String name, byte[] description, byte[] result, boolean replace);

    /** Deletes {@code name}; a no-op when it is not saved. */
    void delete(String name);
}
