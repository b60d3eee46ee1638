package io.custodia.support;

import io.custodia.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away Custodia home for functional tests: its own state, keys, evidence and reports
 * directories, and a way to run CLI commands in-process (exit code and output captured) or in a
 * real child JVM (for kill -9 tests).
 */
public final class TestHome {
    private final Path root;

    public TestHome(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path resolve(String p) {
        return root.resolve(p);
    }

    public List<String> settings() {
        return List.of("--custodia.home=" + root, "--custodia.state-dir=" + root.resolve("var/state"),
                "--custodia.keys-dir=" + root.resolve("var/keys"), "--custodia.evidence-dir=" + root.resolve("var/evidence"),
                "--custodia.reports-dir=" + root.resolve("reports"));
    }

    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(settings());
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Starts the CLI in a child JVM of the same binary and class path (java on PATH may be older). */
    public Process child(List<String> jvmOptions, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("-Xmx512m");
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.add("-Dcustodia.log-dir=" + root.resolve("var/logs"));
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        cmd.addAll(settings());
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Copies a directory tree (e.g. the committed sample data) into this home. */
    public Path copyTree(Path from, String to) {
        Path target = root.resolve(to);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Every file under the home whose name matches, as text (for scanning outputs for leaks). */
    public List<Path> files(String glob) {
        var matcher = root.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> matcher.matches(p.getFileName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
