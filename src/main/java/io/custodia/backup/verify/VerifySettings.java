package io.custodia.backup.verify;

import io.custodia.backup.Locations;
import io.custodia.batch.JobFile;
import io.custodia.config.YamlNode;
import io.custodia.crypto.KeyDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code verify:} section of a drill job file.
 *
 * <pre>
 * verify:
 *   destination: ../var/backups   # the backup destination (Hadoop URI or path relative to the job file)
 *   set: latest                   # a set id, or latest: the newest valid set (of job-file, if given)
 *   job-file: nightly-backup      # with set: latest, only sets made by this backup job file
 *   sample: 10%                   # share of the set's objects to decrypt (random, seeded by set and run date); default 100%
 *   identity: ../keys/backup-identity.txt   # default: the key directory's backup-identity.txt
 * </pre>
 */
public record VerifySettings(URI destination, String set, String jobFile, double sample, Path identity) {
    public static final String LATEST = "latest";

    public static VerifySettings from(JobFile file, KeyDirectory keys) {
        YamlNode section = file.section().orElseThrow(() -> file.root().error("missing the 'verify:' section (at least its destination)"));
        section.requireOnlyKeys(Set.of("destination", "set", "job-file", "sample", "identity"));
        Path base = file.path().getParent();
        URI destination = Locations.resolve(section.require("destination"), base);
        String set = section.optionalString("set").map(String::strip).orElse(LATEST);
        if (!set.equals(LATEST) && !set.matches("[A-Za-z0-9._-]+")) {
            throw section.require("set").error("a set id has only letters, digits, '.', '_' and '-'; found '" + set + "'");
        }
        String jobFile = section.optionalString("job-file").orElse(null);
        double sample = section.optional("sample").map(VerifySettings::fraction).orElse(1.0);
        Path identity = section.optional("identity").map(n -> base.resolve(n.asString()).normalize())
                .orElse(keys.path(KeyDirectory.BACKUP_IDENTITY));
        return new VerifySettings(destination, set, jobFile, sample, identity);
    }

    /** {@code 10%}, {@code 0.1} or {@code all}: the share of objects to check, in (0, 1]. */
    static double fraction(YamlNode n) {
        String v = n.asString().strip().toLowerCase();
        if (v.equals("all")) {
            return 1.0;
        }
        double f;
        try {
            f = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).strip()) / 100 : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw n.error("expected a share such as 10%, 0.1 or all, found '" + n.asString() + "'");
        }
        if (!(f > 0 && f <= 1)) {
            throw n.error("the sample must be more than 0% and at most 100%, found '" + n.asString() + "'");
        }
        return f;
    }
}
