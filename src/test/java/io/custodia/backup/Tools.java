package io.custodia.backup;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The independent tools the tests check Custodia's output with: /usr/bin/age, openssl, sha256sum. */
final class Tools {
    private Tools() {
    }

    record Result(int exit, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static void require(String tool) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin", tool)), tool + " is not installed (apt-get install " + tool
                + "); the check against the independent tool is NOT run");
    }

    static Result run(String... command) {
        try {
            File err = File.createTempFile("tool", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectError(err).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + List.of(command));
                }
                return new Result(p.exitValue(), out, Files.readString(err.toPath(), StandardCharsets.UTF_8));
            } finally {
                err.delete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and requires exit 0. */
    static byte[] ok(String... command) {
        Result r = run(command);
        if (r.exit() != 0) {
            throw new AssertionError(List.of(command) + " exited " + r.exit() + ": " + r.err());
        }
        return r.out();
    }
}
