package io.custodia.purge;

import static io.custodia.purge.PurgeTestSupport.assertNoPersonalValues;
import static io.custodia.purge.PurgeTestSupport.json;
import static io.custodia.purge.PurgeTestSupport.ledgerBodies;
import static io.custodia.purge.PurgeTestSupport.ledgerCount;
import static io.custodia.purge.PurgeTestSupport.read;
import static io.custodia.purge.PurgeTestSupport.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.catalog.Dataset;
import io.custodia.crypto.Ed25519Keys;
import io.custodia.crypto.KeyDirectory;
import io.custodia.evidence.EntryTypes;
import io.custodia.evidence.Json;
import io.custodia.support.TestHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The purge job end to end through the CLI on a company built by the test, with every count and
 * every surviving row checked against {@link Expected}, computed without the job's code: dry-run
 * plan, the unattended nightly (retention only, pre-approved by policy), then the approval flow for
 * the erasure requests (plan, refused approvals, approval, execution), idempotence, the Merkle proof
 * of destruction, and no personal value in anything written.
 */
class PurgeJobTest {
    @TempDir
    Path tmp;
    TestHome home;
    PurgeCompany company;
    Path job;

    @BeforeEach
    void company() throws Exception {
        PurgeTestSupport.Setup setup = PurgeTestSupport.setUp(tmp, 400, 11, "nightly-purge", "purge:\n  auto-approve: [policy]\n");
        home = setup.home();
        company = setup.company();
        job = setup.job();
    }

    @Test
    void plansDestroysExactlyTheExpectedRowsCertifiesOnceAndProvesIt() throws Exception {
        Expected retentionOnly = new Expected(company, false);
        Expected everything = new Expected(company, true);
        String date = PurgeCompany.RUN.toString();
        // the company has every case the semantics distinguish
        assertThat(retentionOnly.rowsRedacted()).isPositive();
        assertThat(retentionOnly.destroyed.get("orders").get("retention").rowsDeleted).isPositive();
        assertThat(everything.held.get("customers")).containsKeys("erasure-request", "retention");
        assertThat(retentionOnly.awaiting.get("consents").rowsDeleted).isPositive();

        // 1. dry run: a plan, nothing changed
        List<Long> before = sizes();
        TestHome.Result dry = home.cli("run", job.toString(), "--date", date, "--dry-run");
        assertThat(dry.exitCode()).as(dry.all()).isZero();
        assertThat(sizes()).isEqualTo(before);
        DestructionPlan plan = Json.MAPPER.readValue(Files.readString(PurgeTestSupport.onlyPlan(home)), DestructionPlan.class);
        assertThat(plan.autoScope()).isEqualTo("R");
        assertPlanMatches(plan, Scope.ofCode("R"), retentionOnly);
        assertPlanMatches(plan, Scope.FULL, everything);
        assertThat(plan.registers().erasureSubjects()).isEqualTo(company.erasureApproved.size());
        assertThat(plan.registers().heldSubjects()).isEqualTo(company.held.size());
        assertThat(plan.registers().erasureAfterRunDate()).isEqualTo(1);
        assertThat(PurgeTestSupport.certificates(home)).isEmpty();

        // 2. the nightly: retention only (pre-approved by policy), erasure requests wait
        TestHome.Result night = home.cli("run", job.toString(), "--date", date);
        assertThat(night.exitCode()).as(night.all()).isZero();
        assertSurvivors(retentionOnly);
        assertNoLeftovers();
        assertThat(PurgeTestSupport.plans(home)).hasSize(1); // same inputs, same date: the same plan
        List<Path> certs = PurgeTestSupport.certificates(home);
        assertThat(certs).hasSize(1);
        Path cert1 = certs.getFirst();
        assertThat(cert1.getFileName().toString()).isEqualTo("DC-" + plan.id() + "-R");
        JsonNode c1 = json(cert1.resolve("certificate.json"));
        assertCertificateMatches(c1, retentionOnly);
        assertThat(c1.path("approval").path("kind").asString()).isEqualTo("pre-approved by policy");
        assertThat(c1.path("destructionRecord").path("operator").asString()).isEqualTo("operator");
        assertThat(c1.path("subjects").path("count").asLong()).isEqualTo(retentionOnly.touched.size());
        assertThat(c1.path("subjects").path("erasedOnRequest").asLong()).isZero();
        for (JsonNode f : c1.path("files")) {
            assertThat(f.path("passes")).hasSize(3);
            assertThat(f.path("verified").asBoolean()).isTrue();
            assertThat(f.path("sanitizationCategoryAchieved").asString()).startsWith("Clear (file level");
            assertThat(f.path("overwriteVerification").asString()).contains("identical to the random pass");
        }
        assertThat(c1.path("nistSp80088").path("purgeAchieved").asBoolean()).isFalse();
        byte[] certBytes = Files.readAllBytes(cert1.resolve("certificate.json"));
        assertThat(Ed25519Keys.verifier(home.resolve("var/keys/signing.pub")).verify(certBytes, Files.readAllBytes(cert1.resolve("certificate.sig"))))
                .isTrue();
        Process openssl = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", home.resolve("var/keys/signing.pub").toString(),
                "-rawin", "-in", cert1.resolve("certificate.json").toString(), "-sigfile", cert1.resolve("certificate.sig").toString())
                .redirectErrorStream(true).start();
        assertThat(new String(openssl.getInputStream().readAllBytes())).as("an independent tool checks the signature")
                .contains("Signature Verified Successfully");
        assertThat(openssl.waitFor()).isZero();
        assertThat(ledgerCount(home, EntryTypes.DESTRUCTION_CERTIFICATE)).isEqualTo(1);
        assertThat(ledgerCount(home, EntryTypes.ERASURE_RECORD)).isZero();
        JsonNode report = json(home.files("report.json").stream().filter(p -> !p.toString().contains("dry-run")).findFirst().orElseThrow());
        assertThat(report.path("facts").path("rows awaiting approval").asLong())
                .isEqualTo(retentionOnly.awaiting.values().stream().mapToLong(t -> t.rowsDeleted).sum());

        // the same night again does nothing
        TestHome.Result again = home.cli("run", job.toString(), "--date", date);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already completed");

        // 3. the erasure requests: plan (new inputs, new plan), refusals, approval, execution
        TestHome.Result planned = home.cli("purge", "plan", job.toString(), "--date", date);
        assertThat(planned.exitCode()).as(planned.all()).isZero();
        String id2 = planned.out().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(id2).isNotEqualTo(plan.id());
        DestructionPlan plan2 = Json.MAPPER.readValue(Files.readString(home.resolve("var/purge/plans/" + id2 + ".json")), DestructionPlan.class);
        for (String ds : PurgeCompany.DATA) {
            assertThat(plan2.outcome(ds, Scope.FULL).destroyed(Reason.RETENTION).zero()).as(ds).isTrue();
            assertThat(plan2.outcome(ds, Scope.FULL).destroyed(Reason.ERASURE_REQUEST).rowsDeleted()).as(ds)
                    .isEqualTo(retentionOnly.awaiting.get(ds).rowsDeleted);
        }
        TestHome.Result unapproved = home.cli("purge", "execute", id2);
        assertThat(unapproved.exitCode()).isEqualTo(1);
        assertThat(unapproved.err()).contains("has no approval");
        assertSurvivors(retentionOnly);
        TestHome.Result byOperator = home.cli("purge", "approve", id2, "--by", "operator");
        assertThat(byOperator.exitCode()).isEqualTo(1);
        assertThat(byOperator.err()).contains("second person");
        TestHome.Result approved = home.cli("purge", "approve", id2, "--by", "Li Na (DPO)", "--note", "ticket 42");
        assertThat(approved.exitCode()).as(approved.all()).isZero();
        assertThat(ledgerBodies(home, Approval.ENTRY_TYPE)).singleElement()
                .satisfies(b -> assertThat(b.path("approvedBy").asString()).isEqualTo("Li Na (DPO)"));
        TestHome.Result executed = home.cli("purge", "execute", id2);
        assertThat(executed.exitCode()).as(executed.all()).isZero();
        assertSurvivors(everything);
        assertNoLeftovers();
        Path cert2 = PurgeTestSupport.certificates(home).stream().filter(p -> p.getFileName().toString().endsWith("-RE")).findFirst().orElseThrow();
        JsonNode c2 = json(cert2.resolve("certificate.json"));
        assertThat(c2.path("approval").path("approvedBy").asString()).isEqualTo("Li Na (DPO)");
        assertThat(c2.path("subjects").path("erasedOnRequest").asLong()).isEqualTo(everything.erased.size());
        assertThat(ledgerCount(home, EntryTypes.DESTRUCTION_CERTIFICATE)).isEqualTo(2);
        assertThat(ledgerCount(home, EntryTypes.ERASURE_RECORD)).isEqualTo(everything.erased.size());
        var hasher = new KeyDirectory(home.resolve("var/keys")).subjectHasher();
        Set<String> expectedHashes = new HashSet<>();
        everything.erased.forEach(s -> expectedHashes.add(hasher.hash(s)));
        assertThat(ledgerBodies(home, EntryTypes.ERASURE_RECORD).stream().map(b -> b.path("subjectHash").asString()).toList())
                .containsExactlyInAnyOrderElementsOf(expectedHashes);

        // idempotent: executing the same plan again destroys and certifies nothing
        TestHome.Result twice = home.cli("purge", "execute", id2);
        assertThat(twice.exitCode()).isZero();
        assertThat(twice.out()).contains("already executed");
        assertThat(ledgerCount(home, EntryTypes.DESTRUCTION_CERTIFICATE)).isEqualTo(2);
        assertThat(home.cli("evidence", "verify").out()).contains("ledger OK");

        // 4. proofs of destruction
        String erasedOne = everything.erased.iterator().next();
        TestHome.Result proof = home.cli("evidence", "prove-destroyed", "--subject", erasedOne, "--certificate", cert2.getFileName().toString());
        assertThat(proof.exitCode()).as(proof.all()).isZero();
        assertThat(proof.out()).contains("DESTROYED under certificate " + cert2.getFileName()).contains("verified against the signed root: true");
        String heldOne = company.held.stream().filter(company.erasureApproved::contains).findFirst().orElseThrow();
        TestHome.Result notThere = home.cli("evidence", "prove-destroyed", "--subject", heldOne, "--certificate", cert2.toString());
        assertThat(notThere.exitCode()).as(notThere.all()).isEqualTo(1);
        assertThat(notThere.out()).startsWith("NOT in certificate");
        String redactedOne = company.customerIds.get(1); // closed exactly 3 years ago: important and general destroyed
        assertThat(home.cli("evidence", "prove-destroyed", "--subject", redactedOne, "--certificate", cert1.toString()).exitCode()).isZero();
        var proofs = (tools.jackson.databind.node.ObjectNode) json(cert2.resolve("subjects.json"));
        String firstLeaf = proofs.path("leaves").get(0).asString();
        ((tools.jackson.databind.node.ArrayNode) proofs.path("leaves")).set(0, (firstLeaf.charAt(0) == 'a' ? "b" : "a") + firstLeaf.substring(1));
        Files.writeString(cert2.resolve("subjects.json"), proofs.toString());
        TestHome.Result tampered = home.cli("evidence", "prove-destroyed", "--subject", erasedOne, "--certificate", cert2.toString());
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.err()).contains("proof file was altered");

        // 5. nothing personal anywhere we wrote
        assertNoPersonalValues(company.personalStrings(), List.of(home.resolve("var/purge"), home.resolve("var/evidence"), home.resolve("reports")),
                dry.all(), night.all(), planned.all(), executed.all(), approved.all());
    }

    private void assertPlanMatches(DestructionPlan plan, Scope scope, Expected e) {
        for (String ds : PurgeCompany.DATA) {
            Outcome o = plan.outcome(ds, scope);
            for (Reason r : Reason.values()) {
                Count expected = e.destroyed(ds, r.label());
                assertThat(o.destroyed(r)).as(ds + " " + r.label() + " in scope " + scope.code()).isEqualTo(expected == null ? Count.ZERO : expected);
            }
            e.held.get(ds).forEach((reason, t) -> assertThat(o.held().get(reason)).as(ds + " held " + reason).isEqualTo(t.count()));
            assertThat(o.held().keySet()).as(ds + " held reasons").isEqualTo(e.held.get(ds).keySet());
            assertThat(o.awaitingApproval()).as(ds + " awaiting").isEqualTo(e.awaiting.get(ds).count());
            assertThat(o.rowsOut()).as(ds + " rows out").isEqualTo(e.survivors.get(ds).size());
        }
    }

    private void assertCertificateMatches(JsonNode cert, Expected e) {
        for (String ds : PurgeCompany.DATA) {
            JsonNode d = null;
            for (JsonNode n : cert.path("datasets")) {
                if (n.path("dataset").asString().equals(ds)) {
                    d = n;
                }
            }
            for (var entry : e.destroyed.get(ds).entrySet()) {
                assertThat(d).as(ds).isNotNull();
                JsonNode r = d.path("destroyed").path(entry.getKey());
                assertThat(r.path("rowsDestroyed").asLong()).as(ds).isEqualTo(entry.getValue().rowsDeleted);
                assertThat(r.path("rowsWithExpiredLevelsDestroyed").asLong()).as(ds).isEqualTo(entry.getValue().rowsRedacted);
                assertThat(r.path("subjects").asLong()).as(ds).isEqualTo(entry.getValue().subjects.size());
                entry.getValue().levels.forEach((level, lv) -> {
                    assertThat(r.path("levels").path(level).path("rows").asLong()).as(ds + " " + level).isEqualTo(lv[0]);
                    assertThat(r.path("levels").path(level).path("values").asLong()).as(ds + " " + level).isEqualTo(lv[1]);
                });
            }
        }
    }

    private void assertSurvivors(Expected e) {
        for (String name : PurgeCompany.DATA) {
            Dataset ds = company.catalog.requireDataset(name);
            assertThat(read(ds)).as(name).containsExactlyElementsOf(sorted(ds, e.survivors.get(name)));
        }
    }

    private void assertNoLeftovers() {
        for (String name : PurgeCompany.DATA) {
            assertThat(PurgeTestSupport.allFileNames(company.catalog.requireDataset(name))).as(name)
                    .allMatch(n -> !n.startsWith("."), "no hidden staged, kept or in-progress file");
        }
    }

    private List<Long> sizes() throws Exception {
        try (var s = Files.walk(tmp.resolve("sample-data"))) {
            return s.filter(Files::isRegularFile).sorted().map(p -> p.toFile().length()).toList();
        }
    }
}
