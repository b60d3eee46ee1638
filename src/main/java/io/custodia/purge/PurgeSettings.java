package io.custodia.purge;

import io.custodia.batch.JobFile;
import io.custodia.config.YamlNode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code purge:} section of a job file.
 *
 * <pre>
 * purge:
 *   auto-approve: [policy]        # policy | erasure-requests | none; default none
 * </pre>
 *
 * {@code policy} pre-approves destruction for expired retention (the retention policy is the
 * standing approval, recorded as such in the certificate). {@code erasure-requests} takes the
 * "approved" status of a request in the erasure register as the approval. Anything not
 * pre-approved is planned, shown as awaiting approval, and destroyed only after
 * {@code custodia purge approve <plan> --by NAME}.
 */
public record PurgeSettings(Scope autoApprove) {
    static final Set<String> KEYS = Set.of("auto-approve");

    public static PurgeSettings from(JobFile file) {
        YamlNode section = file.section().orElse(null);
        EnumSet<Reason> auto = EnumSet.noneOf(Reason.class);
        if (section != null) {
            section.requireOnlyKeys(KEYS);
            YamlNode node = section.optional("auto-approve").orElse(null);
            if (node != null) {
                List<YamlNode> words = node.isScalar() ? List.of(node) : node.asList();
                for (YamlNode w : words) {
                    String word = w.asString().strip();
                    if (word.equals("none") && words.size() == 1) {
                        continue;
                    }
                    Reason found = null;
                    for (Reason r : Reason.values()) {
                        if (r.autoApproveWord().equals(word)) {
                            found = r;
                        }
                    }
                    if (found == null) {
                        throw w.error("auto-approve: unknown value '" + word + "'; allowed: policy (retention expiry), "
                                + "erasure-requests (requests approved in the erasure register), none");
                    }
                    if (!auto.add(found)) {
                        throw w.error("auto-approve: '" + word + "' is listed twice");
                    }
                }
            }
        }
        return new PurgeSettings(new Scope(auto));
    }
}
