package io.custodia.backup;

import io.custodia.backup.retention.RetentionSettings;
import io.custodia.batch.JobFile;
import io.custodia.catalog.Catalog;
import io.custodia.catalog.Dataset;
import io.custodia.config.YamlNode;
import io.custodia.crypto.KeyDirectory;
import io.custodia.crypto.age.AgeRecipient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code backup:} section of a job file.
 *
 * <pre>
 * backup:
 *   destination: ../var/backups          # any Hadoop URI (hdfs://…, s3a://…) or a path relative to the job file
 *   recipients: [age1…]                  # default: every key in the key directory's backup-recipient.txt
 *   datasets: [customers, orders]        # default: every dataset in the catalog
 *   extra-paths: [../sample-data/README] # more files or directories to back up
 *   partition-size: 32MiB                # files are grouped into partitions of about this many bytes
 *   retention: {…}                       # see RetentionSettings; absent = keep every set
 * </pre>
 */
public record BackupSettings(URI destination, List<AgeRecipient> recipients, List<String> datasets, List<URI> extraPaths,
        long partitionBytes, RetentionSettings retention) {
    private static final Set<String> KEYS = Set.of("destination", "recipients", "datasets", "extra-paths", "partition-size", "retention");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kib|mib|gib|kb|mb|gb|k|m|g)?");

    public static BackupSettings from(JobFile file, Catalog catalog) {
        YamlNode section = file.section().orElseThrow(() -> file.root().error("missing the 'backup:' section (at least its destination)"));
        section.requireOnlyKeys(KEYS);
        java.nio.file.Path base = file.path().getParent();
        URI destination = Locations.resolve(section.require("destination"), base);
        List<AgeRecipient> recipients = new ArrayList<>();
        section.optional("recipients").ifPresent(list -> {
            for (YamlNode n : list.isScalar() ? List.of(list) : list.asList()) {
                try {
                    recipients.add(AgeRecipient.parse(n.asString()));
                } catch (IllegalArgumentException e) {
                    throw n.error("not an age recipient (age1…): " + e.getMessage());
                }
            }
            if (recipients.isEmpty()) {
                throw list.error("list at least one recipient, or remove the key to use the key directory's backup-recipient.txt");
            }
        });
        List<String> datasets = catalog.datasets().stream().map(Dataset::name).toList();
        if (section.optional("datasets").isPresent()) {
            YamlNode list = section.require("datasets");
            for (YamlNode n : list.isScalar() ? List.of(list) : list.asList()) {
                if (catalog.dataset(n.asString()).isEmpty()) {
                    throw n.error("dataset '" + n.asString() + "' is not in the catalog " + catalog.source() + "; it has "
                            + catalog.datasets().stream().map(Dataset::name).toList());
                }
            }
            datasets = list.asStringList();
        }
        List<URI> extra = new ArrayList<>();
        section.optional("extra-paths").ifPresent(list -> {
            for (YamlNode n : list.isScalar() ? List.of(list) : list.asList()) {
                extra.add(Locations.resolve(n, base));
            }
        });
        long partition = section.optional("partition-size").map(BackupSettings::bytes).orElse(32L << 20);
        RetentionSettings retention = section.optional("retention").map(RetentionSettings::from).orElse(null);
        return new BackupSettings(destination, List.copyOf(recipients), List.copyOf(datasets), List.copyOf(extra), partition, retention);
    }

    /** The recipients to encrypt to: the job file's, or the key directory's public backup recipients. */
    public List<AgeRecipient> recipients(KeyDirectory keys) {
        return recipients.isEmpty() ? keys.backupRecipients() : recipients;
    }

    static long bytes(YamlNode n) {
        Matcher m = SIZE.matcher(n.asString().trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw n.error("expected a size such as 64MiB, 1GiB or 1048576, found '" + n.asString() + "'");
        }
        long v = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long scale = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        if (v < 1) {
            throw n.error("must be at least 1 byte");
        }
        return v * scale;
    }
}
