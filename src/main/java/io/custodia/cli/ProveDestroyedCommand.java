package io.custodia.cli;

import io.custodia.crypto.Ed25519Keys;
import io.custodia.crypto.KeyDirectory;
import io.custodia.purge.DestructionProof;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code custodia evidence prove-destroyed --subject ID --certificate CERT}: was this customer's data
 * destroyed under that certificate? Needs the master key (to compute the keyed hash) and the signing
 * public key; works offline on a copy of the certificate directory.
 */
final class ProveDestroyedCommand {
    static final String USAGE = """
            usage: custodia evidence prove-destroyed --subject ID --certificate CERT [--public-key FILE]

            CERT is a certificate id (DC-…, looked up under the evidence directory), its directory, or its
            certificate.json. Checks the certificate's Ed25519 signature, computes the customer's keyed
            hash with the master key, and verifies its Merkle inclusion proof (RFC 9162) against the root
            in the signed certificate. Prints the proof; exit code 0 when the customer is in the
            certificate, 1 when not (or the certificate does not verify). The id is never logged.
            """;

    private ProveDestroyedCommand() {
    }

    static int run(List<String> raw, Context context) {
        Args args = Args.parse(raw, Set.of("subject", "certificate", "public-key", "dir"), Set.of());
        args.expectPositionals(1);
        if (!args.options.containsKey("subject") || !args.options.containsKey("certificate")) {
            throw new UsageException("prove-destroyed needs --subject ID and --certificate CERT");
        }
        Path pub = args.path("public-key", context.keysDir().resolve(KeyDirectory.SIGNING_PUB));
        KeyDirectory keys = new KeyDirectory(context.keysDir());
        Path dir = DestructionProof.locate(args.option("certificate", null), args.path("dir", context.evidenceDir()));
        DestructionProof.Result r = DestructionProof.prove(dir, args.option("subject", null), keys.subjectHasher(), Ed25519Keys.verifier(pub));
        if (!r.included()) {
            context.out.println("NOT in certificate " + r.certificate() + ": keyed hash " + r.subjectHash() + " is not among its "
                    + r.size() + " customers (Merkle root " + r.merkleRoot() + ")");
            return 1;
        }
        context.out.println("DESTROYED under certificate " + r.certificate() + " (completed " + r.completedAt() + ")");
        context.out.println("  keyed subject hash: " + r.subjectHash());
        context.out.println("  leaf " + r.index() + " of " + r.size() + "; Merkle root (signed): " + r.merkleRoot());
        context.out.println("  audit path (RFC 9162, nearest sibling first):");
        r.path().forEach(p -> context.out.println("    " + p));
        context.out.println("  inclusion proof verified against the signed root: " + DestructionProof.check(r));
        return 0;
    }
}
