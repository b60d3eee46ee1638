package io.custodia.cli;

import io.custodia.batch.JobFile;
import io.custodia.crypto.KeyDirectory;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.share.Reidentifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code custodia reidentify <jobs/share-….yaml> <column> <value>... --reason TEXT [--key-version N]} */
final class ReidentifyCommand implements Command {
    @Override
    public String name() {
        return "reidentify";
    }

    @Override
    public String summary() {
        return "turn exported fpe/pseudonym values back into source values (key holder only; logged as evidence)";
    }

    @Override
    public String usage() {
        return """
                usage: custodia reidentify <jobs/share-FILE.yaml> <column> <value>... --reason TEXT [--key-version N]

                For the key holder: turns values of one column of a share's export back into the source
                values and prints "value<TAB>original" lines on standard output. An fpe column is decrypted
                with the recipient's key; a pseudonym column is looked up by recomputing the tokens of the
                source data. <column> is the export's column name. --key-version defaults to the policy's
                (use the manifest's for an export made under an older version). Before anything is printed,
                a 'reidentification' entry is appended to the evidence ledger: operator, reason, share,
                column, counts and keyed hashes, never a value. Exit code 1 when a value was not found.
                """;
    }

    @Override
    public int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of("reason", "key-version", "operator"), Set.of());
        Path file = Path.of(args.requirePositional(0, "the share's job file (e.g. jobs/share-logistics-partner.yaml)"));
        String column = args.requirePositional(1, "the exported column to re-identify");
        if (args.positional.size() < 3) {
            throw new UsageException("missing the value(s) to re-identify");
        }
        String reason = args.option("reason", null);
        if (reason == null || reason.isBlank()) {
            throw new UsageException("--reason is required: it is recorded in the evidence ledger");
        }
        Integer version = args.options.containsKey("key-version") ? (int) args.longOption("key-version", 1) : null;
        String operator = args.option("operator", String.valueOf(context.properties.getOrDefault("custodia.operator",
                System.getProperty("user.name", "operator"))));
        List<Reidentifier.Result> results = Reidentifier.reidentify(JobFile.load(file, Set.of("share")), column,
                args.positional.subList(2, args.positional.size()), version, new KeyDirectory(context.keysDir()),
                new EvidenceLedger(context.evidenceDir()), operator, reason);
        int missing = 0;
        for (Reidentifier.Result r : results) {
            if (r.original() != null) {
                context.out.println(r.value() + "\t" + r.original());
            } else {
                missing++;
                context.err.println(r.value() + "\t(not re-identified: " + r.problem() + ")");
            }
        }
        context.err.println("custodia reidentify: " + (results.size() - missing) + " of " + results.size()
                + " value(s) re-identified; recorded in the evidence ledger");
        return missing == 0 ? 0 : 1;
    }
}
