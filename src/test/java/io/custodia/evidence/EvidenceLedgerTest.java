package io.custodia.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.crypto.Ed25519Keys;
import io.custodia.crypto.Signer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvidenceLedgerTest {
    @TempDir
    Path dir;
    Signer signer;
    EvidenceLedger ledger;

    @BeforeEach
    void fiveEntries() {
        Ed25519Keys.generate(dir.resolve("k"), dir.resolve("k.pub"));
        signer = Ed25519Keys.signer(dir.resolve("k"), dir.resolve("k.pub"));
        ledger = new EvidenceLedger(dir.resolve("ev"));
        for (int i = 1; i <= 5; i++) {
            ledger.append("test.entry", Map.of("n", i, "what", "entry " + i), signer);
        }
    }

    List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(ledger.file(), StandardCharsets.UTF_8));
    }

    void write(List<String> lines) throws Exception {
        Files.write(ledger.file(), lines, StandardCharsets.UTF_8);
    }

    @Test
    void intactLedgerVerifiesAndEntriesChain() {
        LedgerVerification v = ledger.verify(signer.verifier());
        assertThat(v.ok()).as(v.describe()).isTrue();
        assertThat(v.goodEntries()).isEqualTo(5);
        List<LedgerEntry> entries = ledger.entriesOfType(signer.verifier(), "test.entry");
        assertThat(entries).extracting(e -> e.body().path("n").asInt()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void editedEntryIsNamed() throws Exception {
        List<String> l = lines();
        l.set(2, l.get(2).replace("entry 3", "entry 9"));
        write(l);
        LedgerVerification v = ledger.verify(signer.verifier());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadLine()).isEqualTo(3);
        assertThat(v.problem()).contains("signature");
    }

    @Test
    void deletedEntryIsNamed() throws Exception {
        List<String> l = lines();
        l.remove(1);
        write(l);
        LedgerVerification v = ledger.verify(signer.verifier());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadLine()).isEqualTo(2);
        assertThat(v.firstBadSeq()).isEqualTo(3L);
        assertThat(v.problem()).contains("deleted");
    }

    @Test
    void reorderedEntriesAreNamed() throws Exception {
        List<String> l = lines();
        String a = l.get(1);
        l.set(1, l.get(2));
        l.set(2, a);
        write(l);
        LedgerVerification v = ledger.verify(signer.verifier());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadLine()).isEqualTo(2);
    }

    @Test
    void insertedEntryIsDetectedEvenWhenSignedByAnotherKey() throws Exception {
        Ed25519Keys.generate(dir.resolve("evil"), dir.resolve("evil.pub"));
        Signer evil = Ed25519Keys.signer(dir.resolve("evil"), dir.resolve("evil.pub"));
        EvidenceLedger other = new EvidenceLedger(dir.resolve("other"));
        other.append("test.entry", Map.of("n", 99), evil);
        List<String> l = lines();
        l.add(2, Files.readAllLines(other.file()).getFirst());
        write(l);
        LedgerVerification v = ledger.verify(signer.verifier());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadLine()).isEqualTo(3);
    }

    @Test
    void duplicatedValidEntryIsDetected() throws Exception {
        List<String> l = lines();
        l.add(3, l.get(2));
        write(l);
        LedgerVerification v = ledger.verify(signer.verifier());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadLine()).isEqualTo(4);
        assertThat(v.problem()).contains("reordered or inserted");
    }

    @Test
    void truncatedTailIsDetectedByTheSignedHead() throws Exception {
        List<String> l = lines();
        write(l.subList(0, 3));
        LedgerVerification v = ledger.verify(signer.verifier());
        assertThat(v.ok()).isFalse();
        assertThat(v.problem()).contains("truncated").contains("entry 5").contains("entry 3");
    }

    @Test
    void partialLastLineIsDetected() throws Exception {
        String text = Files.readString(ledger.file());
        Files.writeString(ledger.file(), text.substring(0, text.length() - 40));
        LedgerVerification v = ledger.verify(signer.verifier());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadLine()).isEqualTo(5);
    }

    @Test
    void crashBetweenAppendAndHeadUpdateIsNotTampering() throws Exception {
        Path head = dir.resolve("ev/ledger.head");
        byte[] oldHead = Files.readAllBytes(head);
        ledger.append("test.entry", Map.of("n", 6), signer);
        Files.write(head, oldHead);
        assertThat(ledger.verify(signer.verifier()).ok()).isTrue();
        ledger.append("test.entry", Map.of("n", 7), signer);
        assertThat(ledger.verify(signer.verifier()).goodEntries()).isEqualTo(7);
    }

    @Test
    void refusesToAppendToABrokenLedger() throws Exception {
        List<String> l = lines();
        l.remove(0);
        write(l);
        assertThatThrownBy(() -> ledger.append("test.entry", Map.of("n", 6), signer))
                .hasMessageContaining("broken evidence ledger");
    }

    @Test
    void signatureCheckableWithOpenssl() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/openssl").canExecute(), "openssl not installed");
        String line = lines().getFirst();
        int mark = line.lastIndexOf(",\"sig\":\"");
        Files.writeString(dir.resolve("msg"), line.substring(0, mark) + "}");
        Files.write(dir.resolve("sig"), java.util.Base64.getDecoder().decode(line.substring(mark + 8, line.length() - 2)));
        Process p = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", dir.resolve("k.pub").toString(),
                "-rawin", "-in", dir.resolve("msg").toString(), "-sigfile", dir.resolve("sig").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("Signature Verified Successfully");
    }
}
