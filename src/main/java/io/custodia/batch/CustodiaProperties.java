package io.custodia.batch;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Custodia keeps its state, evidence, keys and reports, and how many threads a partitioned
 * step may use. All relative paths are resolved against the working directory.
 */
@ConfigurationProperties("custodia")
public record CustodiaProperties(
        @DefaultValue("var/state") Path stateDir,
        @DefaultValue("var/evidence") Path evidenceDir,
        @DefaultValue("var/keys") Path keysDir,
        @DefaultValue("reports") Path reportsDir,
        @DefaultValue("2") int threads,
        @DefaultValue("operator") String operator) {

    public CustodiaProperties {
        if (threads < 1) {
            throw new IllegalArgumentException("custodia.threads must be at least 1, was " + threads);
        }
    }
}
