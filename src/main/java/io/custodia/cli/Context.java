package io.custodia.cli;

import io.custodia.CustodiaApplication;
import io.custodia.batch.CustodiaProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What commands share: output streams, the Custodia home and settings given on the command line,
 * and — only for commands that need the JobRepository — the Spring context, started on demand.
 */
final class Context implements AutoCloseable {
    private static final List<String> PATH_SETTINGS = List.of("custodia.state-dir", "custodia.keys-dir", "custodia.evidence-dir",
            "custodia.reports-dir");
    final PrintStream out;
    final PrintStream err;
    final Map<String, Object> properties = new LinkedHashMap<>();
    private ConfigurableApplicationContext spring;

    Context(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    Path home() {
        return Path.of(String.valueOf(properties.getOrDefault("custodia.home", System.getProperty("custodia.home", ".")))).toAbsolutePath().normalize();
    }

    /** A path setting resolved the same way Spring will: property, then system property, then home-relative default. */
    Path setting(String key, String homeRelativeDefault) {
        Object v = properties.get(key);
        if (v == null) {
            v = System.getProperty(key);
        }
        return v == null ? home().resolve(homeRelativeDefault) : home().resolve(v.toString());
    }

    Path keysDir() {
        return setting("custodia.keys-dir", "var/keys");
    }

    Path evidenceDir() {
        return setting("custodia.evidence-dir", "var/evidence");
    }

    Path reportsDir() {
        return setting("custodia.reports-dir", "reports");
    }

    <T> T bean(Class<T> type) {
        return spring().getBean(type);
    }

    CustodiaProperties settings() {
        return bean(CustodiaProperties.class);
    }

    private ConfigurableApplicationContext spring() {
        if (spring == null) {
            Map<String, Object> props = new LinkedHashMap<>(properties);
            props.putIfAbsent("custodia.home", home().toString());
            // Relative directories mean the same to Spring as to the commands (relative to the home); H2 also
            // refuses a database path that is implicitly relative to the working directory.
            for (String key : PATH_SETTINGS) {
                if (props.get(key) != null) {
                    props.put(key, home().resolve(props.get(key).toString()).normalize().toString());
                }
            }
            Path state = Path.of(props.getOrDefault("custodia.state-dir", home().resolve("var/state")).toString());
            try {
                Files.createDirectories(state);
            } catch (IOException e) {
                // no cause attached: its bare path would become the headline (see Main.meaningful)
                throw new IllegalStateException("cannot create the state directory " + state + " (custodia.state-dir): " + Main.headline(e));
            }
            // as command-line arguments: they must win over application.properties
            String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            spring = new SpringApplicationBuilder(CustodiaApplication.class)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .run(args);
        }
        return spring;
    }

    @Override
    public void close() {
        if (spring != null) {
            spring.close();
        }
    }
}
