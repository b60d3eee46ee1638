package io.custodia.cli;

import io.custodia.backup.Locations;
import io.custodia.backup.restore.RestoreRequest;
import io.custodia.backup.restore.RestoreResult;
import io.custodia.backup.restore.RestoreService;
import io.custodia.batch.JobFile;
import io.custodia.config.YamlNode;
import io.custodia.crypto.KeyDirectory;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code custodia restore <set|latest> --to URI (--job FILE | --from URI [--catalog FILE]) [--identity FILE]} */
final class RestoreCommand implements Command {
    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String summary() {
        return "restore a backup set into an empty location, without the customers erased since";
    }

    @Override
    public String usage() {
        return """
                usage: custodia restore <SET|latest> --to URI (--job BACKUP-JOB.yaml | --from URI [--catalog FILE]) [--identity FILE]

                Restores every file of a backup set into --to (a new or empty directory, any Hadoop URI), checking
                each file's SHA-256 against the signed manifest before it gets its final name. Customers erased
                after the set was taken — erasure.record entries in the evidence ledger, and approved requests in
                the catalog's erasure-requests dataset (unless a legal hold is active) — are left out of the
                restored data; the report says how many rows and subjects (keyed hashes only).
                  --job       the backup job file: its destination and catalog
                  --from      the backup destination, when not using --job
                  --catalog   the live catalog whose erasure requests and legal holds apply (default: the job file's)
                  --identity  the age identity the set is encrypted to (default: the key directory's backup-identity.txt)
                Exit code 1 when a file could not be restored (the others are), 2 for a wrong command line.
                """;
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of("to", "from", "job", "catalog", "identity"), Set.of());
        args.expectPositionals(1);
        String set = args.requirePositional(0, "the set to restore (a set id, or latest)");
        Path cwd = Path.of("").toAbsolutePath();
        String to = args.option("to", null);
        if (to == null) {
            throw new UsageException("--to is required: where to restore the set (a new or empty directory)");
        }
        URI from;
        Path catalog = args.path("catalog", null);
        if (args.options.containsKey("job")) {
            JobFile job = JobFile.load(args.path("job", null), Set.of("backup"));
            YamlNode section = job.section().orElseThrow(() -> job.root().error("missing the 'backup:' section"));
            from = Locations.resolve(section.require("destination"), job.path().getParent());
            catalog = catalog == null ? job.catalogPath() : catalog;
        } else if (args.options.containsKey("from")) {
            from = Locations.resolve(args.option("from", null), cwd);
        } else {
            throw new UsageException("say where the backups are: --job BACKUP-JOB.yaml or --from URI");
        }
        Path identity = args.path("identity", context.keysDir().resolve(KeyDirectory.BACKUP_IDENTITY)).toAbsolutePath();
        RestoreRequest request = new RestoreRequest(from, set, Locations.resolve(to, cwd), identity,
                catalog == null ? null : catalog.toAbsolutePath());
        RestoreResult result = context.bean(RestoreService.class).restore(request);
        context.out.println("restored " + result.files() + " files (" + result.bytes() + " bytes) of set " + result.set() + " to " + result.to()
                + "; left out " + result.rowsRemoved() + " rows of " + result.subjectsRemoved() + " customers erased since the set was taken");
        context.out.println("report: " + result.report());
        if (!result.ok()) {
            context.err.println("custodia restore: " + result.failures().size() + " file(s) could not be restored: " + result.failures().getFirst()
                    + (result.failures().size() > 1 ? " (and more; see the report)" : ""));
            return 1;
        }
        return 0;
    }
}
