package org.tao4j.sdk.neuron;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * A validator's state on disk: {@code validator-state.json} in its working directory. Written
 * whole to a temporary file and moved into place, so a crash leaves the old or the new file, never
 * half of one. Format (version 1):
 *
 * <pre>{@code
 * {"version":1, "netuid":1, "hotkey":"5F…", "block":1234, "alpha":0.1, "lastWeightsBlock":1200,
 *  "scores":[{"uid":3, "hotkey":"5G…", "score":0.82, "last":0.9, "block":1230}, …],
 *  "commits":[{"block":1200, "confirmed":true, "uids":[1,2], "values":[65535,30000],
 *              "salt":"0x…", "versionKey":0}]}
 * }</pre>
 *
 * A pending commit is written <em>before</em> its transaction is sent ({@code confirmed: false},
 * {@code block} the expected one), so its salt survives any crash.
 */
final class ValidatorStore {
    static final String FILE = "validator-state.json";
    static final int VERSION = 1;

    record Saved(
            int version,
            int netuid,
            String hotkey,
            long block,
            double alpha,
            long lastWeightsBlock,
            List<SavedScore> scores,
            List<SavedCommit> commits) {
        Saved {
            scores = scores == null ? List.of() : List.copyOf(scores);
            commits = commits == null ? List.of() : List.copyOf(commits);
        }
    }

    record SavedScore(int uid, String hotkey, double score, double last, long block) {}

    record SavedCommit(long block, boolean confirmed, int[] uids, int[] values, String salt, long versionKey) {}

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.INDENT_OUTPUT, true);

    ValidatorStore(Path dir) {
        this.file = dir.resolve(FILE);
    }

    Path file() {
        return file;
    }

    Optional<Saved> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            Saved s = mapper.readValue(file.toFile(), Saved.class);
            if (s.version() != VERSION) {
                throw new IOException("unsupported state version " + s.version());
            }
            return Optional.of(s);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read validator state " + file + ": " + e.getMessage()
                            + " (move it away to start from scratch)",
                    e);
        }
    }

    void save(Saved s) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            mapper.writeValue(tmp.toFile(), s);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write validator state " + file, e);
        }
    }
}
