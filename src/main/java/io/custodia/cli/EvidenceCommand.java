package io.custodia.cli;

import io.custodia.crypto.Ed25519Keys;
import io.custodia.crypto.KeyDirectory;
import io.custodia.evidence.EvidenceLedger;
import io.custodia.evidence.LedgerVerification;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code custodia evidence verify [--dir DIR] [--public-key FILE]} */
final class EvidenceCommand implements Command {
    @Override
    public String name() {
        return "evidence";
    }

    @Override
    public String summary() {
        return "evidence verify | prove-destroyed: check the ledger; prove a customer's destruction";
    }

    @Override
    public String usage() {
        return """
                usage: custodia evidence verify [--dir DIR] [--public-key FILE]

                Checks every entry of the evidence ledger (DIR/ledger.jsonl, default var/evidence): its
                Ed25519 signature, its link to the previous entry, its sequence number, and the signed
                head. Names the first bad entry. Needs only the public key (default var/keys/signing.pub),
                so an auditor can run it on a copy. Exit code 1 when the ledger is broken.

                """ + ProveDestroyedCommand.USAGE;
    }

    @Override
    public int run(List<String> raw, Context context) {
        if (!raw.isEmpty() && raw.getFirst().equals("prove-destroyed")) {
            return ProveDestroyedCommand.run(raw, context);
        }
        Args args = Args.parse(raw, Set.of("dir", "public-key"), Set.of());
        args.expectPositionals(1);
        String sub = args.requirePositional(0, "a sub-command: verify or prove-destroyed");
        if (!sub.equals("verify")) {
            throw new UsageException("unknown evidence sub-command '" + sub + "'");
        }
        Path dir = args.path("dir", context.evidenceDir());
        Path pub = args.path("public-key", context.keysDir().resolve(KeyDirectory.SIGNING_PUB));
        if (!pub.toFile().exists()) {
            throw new IllegalStateException("no public key at " + pub + "; pass --public-key FILE (the signing.pub of the key that signed the ledger)");
        }
        EvidenceLedger ledger = new EvidenceLedger(dir);
        LedgerVerification v = ledger.verify(Ed25519Keys.verifier(pub));
        if (v.ok()) {
            context.out.println(ledger.file() + ": " + v.describe());
            return 0;
        }
        context.err.println("custodia evidence: " + ledger.file() + ": " + v.describe());
        context.err.println("  the ledger has been altered or damaged after it was written; restore it from backup and investigate");
        return 1;
    }
}
