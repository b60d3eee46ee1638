package io.custodia.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.batch.CrashPoints;
import io.custodia.support.TestHome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the CLI in a child JVM until it reaches a crash point, then kills it with SIGKILL (kill -9) there. */
final class Crash {
    private Crash() {
    }

    static void killAt(TestHome home, String point, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add("--custodia.threads=1");
        Process p = home.child(List.of("-D" + CrashPoints.PROPERTY + "=" + point), argv.toArray(String[]::new));
        StringBuilder seen = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                seen.append(line).append('\n');
                if (line.startsWith(CrashPoints.MARKER + point)) {
                    p.destroyForcibly();
                    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    return;
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        throw new AssertionError("the child never reached crash point " + point + " (exit " + p.exitValue() + "):\n" + seen);
    }
}
