package io.custodia.share;

import io.custodia.batch.RunContext;
import io.custodia.evidence.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.springframework.util.FileSystemUtils;

/**
 * Custodia's own scratch space for one run of one share, under the state directory (never at the
 * recipient's location): the first pass's equivalence-class counts, the privacy decision, the
 * second pass's part records. It holds fingerprints and counts only, never a value, and is deleted
 * when the run publishes or is refused. Everything is written to a temporary name, forced to disk
 * and renamed, so a restart after kill -9 sees each record whole or not at all.
 *
 * <pre>
 * var/state/share/&lt;share&gt;/&lt;run date&gt;[-dry-run]/
 *   pass1/part-00000.classes  part-00000.json     equivalence classes and counters per source file
 *   privacy.json  suppressed.bin                   the decision and the classes left out
 *   pass2/part-00000.json  part-00000.subjects     what was written per part (and its subjects)
 * </pre>
 */
public record ShareWork(Path dir) {
    public static ShareWork of(Path stateDir, SharePolicy policy, RunContext run) {
        return new ShareWork(stateDir.toAbsolutePath().normalize().resolve("share").resolve(policy.name())
                .resolve(run.runDate() + (run.dryRun() ? "-dry-run" : "")));
    }

    public static String partName(int index) {
        return String.format("part-%05d", index);
    }

    public Path pass1(int index, String ext) {
        return dir.resolve("pass1").resolve(partName(index) + "." + ext);
    }

    public Path pass2(int index, String ext) {
        return dir.resolve("pass2").resolve(partName(index) + "." + ext);
    }

    public Path privacy() {
        return dir.resolve("privacy.json");
    }

    public Path suppressed() {
        return dir.resolve("suppressed.bin");
    }

    public void delete() {
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the work directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes a JSON record atomically and durably. */
    public static void writeJson(Path file, Object value) {
        byte[] bytes = Json.PRETTY.writeValueAsBytes(value);
        writeAtomically(file, out -> out.write(bytes));
    }

    public static <T> Optional<T> readJson(Path file, Class<T> type) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Json.MAPPER.readValue(file.toFile(), type));
    }

    @FunctionalInterface
    public interface BinaryWriter {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    public interface BinaryReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    public static void writeAtomically(Path file, BinaryWriter writer) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                writer.write(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                ch.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static <T> T read(Path file, BinaryReader<T> reader) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
