package io.custodia.cli;

import io.custodia.backup.Locations;
import io.custodia.backup.rotate.BackupKeyRotation;
import io.custodia.backup.rotate.RotationResult;
import io.custodia.batch.JobFile;
import io.custodia.config.YamlNode;
import io.custodia.crypto.age.AgeRecipient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code custodia keys rotate-backup --from OLD-IDENTITY --to age1…[,age1…] (--job FILE | --destination URI)}, reached through {@code keys}. */
final class KeysRotateBackupCommand {
    static final String USAGE = """
            usage: custodia keys rotate-backup --from OLD-IDENTITY-FILE --to age1…[,age1…] (--job BACKUP-JOB.yaml | --destination URI)

            Re-addresses every backup object encrypted to the old key to the new recipient(s) by rewriting only
            its age header: no payload is decrypted or re-encrypted. Other recipients of an object are kept.
            Each batch is recorded in a signed rotation record in the destination before the objects are
            replaced, and in the evidence ledger (key.event). Afterwards put the new recipient in
            backup-recipient.txt (or the job file) and destroy the old identity: copies made before the rotation
            still open with it.
            """;

    private KeysRotateBackupCommand() {
    }

    static int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of("from", "to", "job", "destination"), Set.of());
        args.expectPositionals(0);
        Path from = args.path("from", null);
        if (from == null) {
            throw new UsageException("--from is required: the old backup identity file (age format)");
        }
        String to = args.option("to", null);
        if (to == null) {
            throw new UsageException("--to is required: the new recipient(s), age1… (comma-separated for several)");
        }
        List<AgeRecipient> recipients = new ArrayList<>();
        for (String r : to.split(",")) {
            try {
                recipients.add(AgeRecipient.parse(r.strip()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--to: not an age recipient: " + e.getMessage());
            }
        }
        URI destination;
        if (args.options.containsKey("job")) {
            JobFile job = JobFile.load(args.path("job", null), Set.of("backup"));
            YamlNode section = job.section().orElseThrow(() -> job.root().error("missing the 'backup:' section"));
            destination = Locations.resolve(section.require("destination"), job.path().getParent());
        } else if (args.options.containsKey("destination")) {
            destination = Locations.resolve(args.option("destination", null), Path.of("").toAbsolutePath());
        } else {
            throw new UsageException("say where the backups are: --job BACKUP-JOB.yaml or --destination URI");
        }
        RotationResult result = context.bean(BackupKeyRotation.class).rotate(destination, from.toAbsolutePath(), recipients);
        context.out.println("re-wrapped " + result.rotated() + " objects to " + recipients.stream().map(AgeRecipient::fingerprint).toList()
                + " (headers only; " + result.payloadBytesUntouched() + " bytes of payload copied unchanged); "
                + result.notAddressedToOldKey() + " objects were not encrypted to the old key");
        result.records().forEach(r -> context.out.println("rotation record: " + r));
        if (!result.failures().isEmpty()) {
            context.err.println("custodia keys rotate-backup: " + result.failures().size() + " object(s) not rotated: " + result.failures().getFirst()
                    + (result.failures().size() > 1 ? " (and more; see the log)" : ""));
            return 1;
        }
        context.out.println("next: put " + recipients.getFirst() + " in backup-recipient.txt (or the job file), then destroy " + from);
        return 0;
    }
}
