package io.custodia.evidence;

import io.custodia.crypto.Hashes;
import io.custodia.crypto.SignatureVerifier;
import io.custodia.crypto.Signer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The append-only, hash-chained, signed evidence ledger ({@code ledger.jsonl}).
 *
 * <p>Each line is a JSON object {@code {"seq","time","type","prev","body","key","sig"}}: {@code prev}
 * is the SHA-256 of the previous line's bytes (64 zeros for the first), {@code sig} an Ed25519
 * signature over the line's bytes up to (not including) {@code ,"sig":}, closed with {@code '}'}.
 * A signed {@code ledger.head} names the last entry, so cutting entries off the end is detected
 * too. Editing, deleting, reordering, inserting or truncating therefore all break verification,
 * and only the holder of the signing key could re-sign a forged chain.
 *
 * <p>Appends take an exclusive file lock, so several processes (scheduler nodes) may share one ledger.
 */
public final class EvidenceLedger {
    private static final String GENESIS = "0".repeat(64);
    private static final String SIG_MARK = ",\"sig\":\"";
    private final Path file;
    private final Path head;
    private final Path lock;
    private final Clock clock;

    public EvidenceLedger(Path directory) {
        this(directory, Clock.systemUTC());
    }

    public EvidenceLedger(Path directory, Clock clock) {
        this.file = directory.resolve("ledger.jsonl");
        this.head = directory.resolve("ledger.head");
        this.lock = directory.resolve("ledger.lock");
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Appends one entry, durably. The body must hold no raw personal value (keyed hashes and counts only). */
    public LedgerEntry append(String type, Map<String, ?> body, Signer signer) {
        return appendAll(type, List.of(body), signer).getFirst();
    }

    /**
     * Appends several entries of one type under one lock and one verification of the existing
     * chain, forced to disk together (e.g. one erasure record per erased customer).
     */
    public synchronized List<LedgerEntry> appendAll(String type, List<? extends Map<String, ?>> bodies, Signer signer) {
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel lockChannel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                Tail tail = readTail(signer.verifier());
                long seq = tail.seq;
                String prev = tail.hash;
                StringBuilder text = new StringBuilder();
                List<LedgerEntry> written = new ArrayList<>();
                for (Map<String, ?> body : bodies) {
                    seq++;
                    Instant now = clock.instant();
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("seq", seq);
                    entry.put("time", now.toString());
                    entry.put("type", type);
                    entry.put("prev", prev);
                    entry.put("body", body);
                    entry.put("key", signer.keyId());
                    String unsigned = Json.MAPPER.writeValueAsString(entry);
                    byte[] sig = signer.sign(unsigned.getBytes(StandardCharsets.UTF_8));
                    String line = unsigned.substring(0, unsigned.length() - 1) + SIG_MARK + Base64.getEncoder().encodeToString(sig) + "\"}";
                    text.append(line).append('\n');
                    prev = Hashes.sha256Hex(line);
                    written.add(new LedgerEntry(seq, now, type, Json.MAPPER.valueToTree(body), prev, (int) seq));
                }
                try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    out.force(true);
                }
                writeHead(seq, prev, signer);
                return written;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the evidence ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private record Tail(long seq, String hash) {
    }

    /** The last entry's seq and hash; refuses to append to a ledger that does not verify. */
    private Tail readTail(SignatureVerifier verifier) {
        if (!Files.exists(file)) {
            if (Files.exists(head)) {
                throw new IllegalStateException("the evidence ledger " + file + " is missing but its head file exists: "
                        + "restore the ledger from backup; refusing to start a new chain");
            }
            return new Tail(0, GENESIS);
        }
        List<String> hashes = new ArrayList<>();
        LedgerVerification v = verify(verifier, hashes);
        if (!v.ok()) {
            throw new IllegalStateException("refusing to append to a broken evidence ledger: " + v.describe()
                    + "; run `custodia evidence verify` and restore the ledger from backup");
        }
        // a verified chain numbers its entries 1..n: the tail is the last line's hash
        return hashes.isEmpty() ? new Tail(0, GENESIS) : new Tail(hashes.size(), hashes.getLast());
    }

    private void writeHead(long seq, String hash, Signer signer) throws IOException {
        String unsigned = "{\"seq\":" + seq + ",\"hash\":\"" + hash + "\",\"key\":\"" + signer.keyId() + "\"}";
        String text = unsigned.substring(0, unsigned.length() - 1) + SIG_MARK
                + Base64.getEncoder().encodeToString(signer.sign(unsigned.getBytes(StandardCharsets.UTF_8))) + "\"}\n";
        Path tmp = head.resolveSibling(".ledger.head.tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
        Files.move(tmp, head, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Checks the whole ledger with the public key; names the first bad entry. */
    public LedgerVerification verify(SignatureVerifier verifier) {
        return verify(verifier, new ArrayList<>());
    }

    /** Verifies, collecting the hash of every good entry into {@code hashes}. */
    private LedgerVerification verify(SignatureVerifier verifier, List<String> hashes) {
        List<String> lines;
        try {
            lines = readLines();
        } catch (NoSuchFileException e) {
            return Files.exists(head) ? new LedgerVerification(0, 1, 1L, "the ledger file is missing but its head names entries")
                    : new LedgerVerification(0, null, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String prev = GENESIS;
        long expectedSeq = 1;
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            Parsed p = parse(line);
            if (p == null) {
                return new LedgerVerification(expectedSeq - 1, lineNo, null, "not a complete ledger entry (truncated or edited line)");
            }
            if (!verifier.verify(p.signedBytes, p.signature)) {
                return new LedgerVerification(expectedSeq - 1, lineNo, p.seq, "signature does not match: the entry was edited or forged");
            }
            if (p.seq != expectedSeq) {
                return new LedgerVerification(expectedSeq - 1, lineNo, p.seq, "expected entry " + expectedSeq + " here, found entry " + p.seq
                        + (p.seq > expectedSeq ? ": entries were deleted" : ": entries were reordered or inserted"));
            }
            if (!p.prev.equals(prev)) {
                return new LedgerVerification(expectedSeq - 1, lineNo, p.seq, "its previous-entry hash does not match the entry before it: "
                        + "an entry was deleted, inserted, reordered or edited");
            }
            prev = Hashes.sha256Hex(line);
            hashes.add(prev);
            expectedSeq++;
        }
        long count = expectedSeq - 1;
        String headProblem = checkHead(verifier, hashes);
        if (headProblem != null) {
            return new LedgerVerification(count, null, count + 1, headProblem);
        }
        return new LedgerVerification(count, null, null, null);
    }

    /**
     * The head must name an entry that exists with the same hash. A head older than the file is
     * accepted: entries after it are validly signed, so only a crash between appending and
     * updating the head can produce that; the next append rewrites the head.
     */
    private String checkHead(SignatureVerifier verifier, List<String> hashes) {
        long count = hashes.size();
        if (!Files.exists(head)) {
            return count == 0 ? null : "the signed head file ledger.head is missing";
        }
        try {
            String text = Files.readString(head, StandardCharsets.UTF_8).strip();
            Parsed p = parse(text);
            if (p == null || !verifier.verify(p.signedBytes, p.signature)) {
                return "the head file ledger.head is not validly signed";
            }
            if (p.seq > count) {
                return "the ledger was truncated: the signed head names entry " + p.seq + " but the file ends at entry " + count;
            }
            if (p.seq >= 1 && !p.hash.equals(hashes.get((int) p.seq - 1))) {
                return "entry " + p.seq + " does not match the signed head: it was replaced";
            }
            return null;
        } catch (IOException e) {
            return "cannot read ledger.head: " + e.getMessage();
        }
    }

    private record Parsed(long seq, String prev, String hash, byte[] signedBytes, byte[] signature, JsonNode node) {
    }

    private static Parsed parse(String line) {
        int mark = line.lastIndexOf(SIG_MARK);
        if (mark < 0 || !line.endsWith("\"}")) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(line);
            byte[] sig = Base64.getDecoder().decode(line.substring(mark + SIG_MARK.length(), line.length() - 2));
            byte[] signed = (line.substring(0, mark) + "}").getBytes(StandardCharsets.UTF_8);
            return new Parsed(node.path("seq").asLong(-1), node.path("prev").asString(""), node.path("hash").asString(""),
                    signed, sig, node);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Verified entries matching {@code filter}; fails if the ledger does not verify. */
    public List<LedgerEntry> entries(SignatureVerifier verifier, Predicate<LedgerEntry> filter) {
        LedgerVerification v = verify(verifier);
        if (!v.ok()) {
            throw new IllegalStateException("the evidence ledger does not verify: " + v.describe());
        }
        List<LedgerEntry> out = new ArrayList<>();
        try {
            List<String> lines = Files.exists(file) ? readLines() : List.of();
            for (int i = 0; i < lines.size(); i++) {
                Parsed p = parse(lines.get(i));
                JsonNode n = p.node;
                LedgerEntry e = new LedgerEntry(p.seq, Instant.parse(n.path("time").asString()), n.path("type").asString(),
                        n.path("body"), Hashes.sha256Hex(lines.get(i)), i + 1);
                if (filter.test(e)) {
                    out.add(e);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<LedgerEntry> entriesOfType(SignatureVerifier verifier, String type) {
        return entries(verifier, e -> e.type().equals(type));
    }

    private List<String> readLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String l;
            while ((l = r.readLine()) != null) {
                lines.add(l);
            }
        }
        return lines;
    }
}
