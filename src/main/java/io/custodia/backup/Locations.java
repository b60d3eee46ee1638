package io.custodia.backup;

import io.custodia.config.YamlNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Job-file locations: a Hadoop URI as written ({@code hdfs://nn/backups}) or a path relative to the job file. */
public final class Locations {
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private Locations() {
    }

    public static URI resolve(YamlNode n, Path baseDir) {
        String raw = n.asString().trim();
        if (raw.isEmpty()) {
            throw n.error("the location is empty");
        }
        try {
            return resolve(raw, baseDir);
        } catch (IllegalArgumentException e) {
            throw n.error("'" + raw + "' is not a valid location: " + e.getMessage());
        }
    }

    /** Resolves a command-line or job-file location against {@code baseDir}. */
    public static URI resolve(String raw, Path baseDir) {
        if (SCHEME.matcher(raw).matches() && raw.indexOf(':') > 1) {
            URI uri = URI.create(raw);
            return "file".equals(uri.getScheme()) ? Path.of(uri).normalize().toUri() : uri;
        }
        return baseDir.resolve(raw).toAbsolutePath().normalize().toUri();
    }
}
