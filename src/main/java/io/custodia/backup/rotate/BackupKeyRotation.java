package io.custodia.backup.rotate;

import io.custodia.backup.store.BackupStore;
import io.custodia.backup.store.DurableOutputStream;
import io.custodia.backup.store.HashingInputStream;
import io.custodia.backup.store.HashingOutputStream;
import io.custodia.backup.store.ObjectIndex;
import io.custodia.backup.store.ObjectState;
import io.custodia.backup.store.RecipientRef;
import io.custodia.backup.store.RotationRecord;
import io.custodia.batch.Workspace;
import io.custodia.crypto.Hashes;
import io.custodia.crypto.Signer;
import io.custodia.crypto.age.AgeException;
import io.custodia.crypto.age.AgeHeader;
import io.custodia.crypto.age.AgeIdentity;
import io.custodia.crypto.age.AgeRecipient;
import io.custodia.crypto.age.AgeRewrap;
import io.custodia.evidence.EntryTypes;
import io.custodia.storage.Storage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@code custodia keys rotate-backup}: re-addresses every object encrypted to an old backup key to
 * new recipients by rewriting only its age header (AgeRewrap: the file key is unwrapped with the
 * old identity and wrapped again; nonce and encrypted chunks are copied unchanged, never
 * re-encrypted). Other recipients of an object are kept.
 *
 * <p>Crash-safe in batches: the re-wrapped copies are written and made durable under temporary
 * names, then a signed rotation record naming every object's state before and after is written,
 * and only then are the copies renamed over the originals. Signed manifests are never rewritten;
 * verification accepts an object in any state a manifest or a rotation record signed, so an
 * interrupted batch leaves objects valid in their old or new state and a re-run finishes it. On a
 * local filesystem the old header is also overwritten in place in the replaced file, so the old
 * key's wrapped file keys do not linger in freed blocks.
 *
 * <p>What it is not: a defence for files someone already decrypted or copied with the old key —
 * the file keys are unchanged. Retiring a key means: rotate, then destroy the old identity.
 */
@Service
public class BackupKeyRotation {
    private static final Logger log = LoggerFactory.getLogger(BackupKeyRotation.class);
    private static final long BATCH_BYTES = 1L << 30;
    private static final int BATCH_OBJECTS = 256;
    private final Workspace workspace;

    public BackupKeyRotation(Workspace workspace) {
        this.workspace = workspace;
    }

    private record Prepared(String sha256, String object, Path temp, String beforeSha, long beforeSize, String afterSha, long afterSize,
            String payloadSha, List<String> recipients) {
    }

    public RotationResult rotate(URI destination, java.nio.file.Path oldIdentityFile, List<AgeRecipient> to) {
        if (to.isEmpty()) {
            throw new IllegalArgumentException("name at least one new recipient (--to age1…)");
        }
        AgeIdentity old = readIdentity(oldIdentityFile);
        String oldFp = old.recipient().fingerprint();
        if (to.contains(old.recipient())) {
            throw new IllegalArgumentException("the new recipients include the old key " + oldFp + "; rotating to itself changes nothing");
        }
        BackupStore store = BackupStore.open(destination);
        Signer signer = workspace.keys().signer();
        ObjectIndex index = store.index(signer.verifier());
        Set<String> objects = new TreeSet<>();
        store.validSets(signer.verifier()).forEach(m -> m.files().forEach(e -> objects.add(e.sha256())));

        int skipped = 0;
        long payloadBytes = 0;
        List<String> failures = new ArrayList<>();
        List<String> records = new ArrayList<>();
        List<Prepared> batch = new ArrayList<>();
        long batchBytes = 0;
        int rotated = 0;
        for (String sha : objects) {
            ObjectState latest = index.latest(sha).orElseThrow();
            if (!latest.recipients().contains(oldFp)) {
                skipped++;
                continue;
            }
            String object = BackupStore.objectName(sha);
            if (!store.exists(store.path(object))) {
                failures.add(object + ": missing from the destination; not rotated");
                continue;
            }
            try {
                Prepared p = prepare(store, index, sha, object, old, to);
                batch.add(p);
                batchBytes += p.afterSize();
                payloadBytes += p.afterSize();
            } catch (RotationFailure e) {
                failures.add(e.getMessage());
                continue;
            }
            if (batch.size() >= BATCH_OBJECTS || batchBytes >= BATCH_BYTES) {
                rotated += commit(store, signer, oldFp, to, batch, records);
                batch.clear();
                batchBytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            rotated += commit(store, signer, oldFp, to, batch, records);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "backup-rotation");
        body.put("destination", store.root().toString());
        body.put("from", oldFp);
        body.put("to", to.stream().map(AgeRecipient::fingerprint).toList());
        body.put("objectsRotated", rotated);
        body.put("objectsNotAddressedToOldKey", skipped);
        body.put("failures", failures.size());
        body.put("records", records);
        body.put("operator", workspace.properties().operator());
        workspace.ledger().append(EntryTypes.KEY_EVENT, body, signer);
        log.info("rotated {} objects from {} to {}; {} not addressed to it; {} failures", rotated, oldFp, body.get("to"), skipped, failures.size());
        return new RotationResult(rotated, skipped, failures, records, payloadBytes);
    }

    private static final class RotationFailure extends Exception {
        RotationFailure(String message) {
            super(message);
        }
    }

    /** Writes the re-wrapped copy under a temporary name and checks it: header new, payload byte-identical. */
    private Prepared prepare(BackupStore store, ObjectIndex index, String sha, String object, AgeIdentity old, List<AgeRecipient> to)
            throws RotationFailure {
        Path src = store.path(object);
        Path tmp = store.newTempObject(0);
        try {
            int oldHeader;
            try (InputStream in = new BufferedInputStream(store.open(src))) {
                oldHeader = AgeHeader.read(in).length();
            }
            HashingInputStream whole;
            HashingOutputStream written;
            List<String> recipients;
            try (InputStream in = store.open(src)) {
                whole = new HashingInputStream(in);
                written = new HashingOutputStream(new DurableOutputStream(store.fs(), tmp));
                try (written) {
                    ObjectState latest = index.latest(sha).orElseThrow();
                    recipients = newRecipients(index, latest, old, to);
                    AgeRewrap.rewrap(whole, written, old, recipients.stream().map(AgeRecipient::parse).toList());
                }
                whole.drain();
            }
            String beforeSha = whole.sha256();
            Optional<ObjectState> matched = index.stateWithHash(sha, beforeSha);
            if (matched.isEmpty()) {
                throw new RotationFailure(object + ": its SHA-256 matches no signed state (modified?); not rotated — run a drill");
            }
            String oldPayload = tailHash(store, src, oldHeader);
            int newHeader;
            try (InputStream in = new BufferedInputStream(store.open(tmp))) {
                newHeader = AgeHeader.read(in).length();
            }
            String newPayload = tailHash(store, tmp, newHeader);
            if (!oldPayload.equals(newPayload)) {
                throw new RotationFailure(object + ": the re-wrapped copy's payload differs from the original; not rotated");
            }
            return new Prepared(sha, object, tmp, beforeSha, whole.count(), written.sha256(), written.count(), newPayload,
                    recipients.stream().map(r -> AgeRecipient.parse(r).fingerprint()).toList());
        } catch (AgeException e) {
            store.deleteQuietly(tmp);
            throw new RotationFailure(object + ": " + e.getMessage() + "; not rotated");
        } catch (RotationFailure e) {
            store.deleteQuietly(tmp);
            throw e;
        } catch (IOException e) {
            store.deleteQuietly(tmp);
            throw new UncheckedIOException("cannot rotate " + object + ": " + e.getMessage(), e);
        }
    }

    /** The object's recipients without the old key, plus the new ones (public keys from the signed sets). */
    private static List<String> newRecipients(ObjectIndex index, ObjectState state, AgeIdentity old, List<AgeRecipient> to) {
        Set<String> out = new LinkedHashSet<>();
        for (String fp : state.recipients()) {
            if (!fp.equals(old.recipient().fingerprint())) {
                out.add(index.recipient(fp).orElseThrow(() -> new IllegalStateException("no public key is recorded for recipient " + fp)));
            }
        }
        to.forEach(r -> out.add(r.toString()));
        return List.copyOf(out);
    }

    private static String tailHash(BackupStore store, Path p, int offset) throws IOException {
        try (InputStream in = store.open(p)) {
            in.skipNBytes(offset);
            HashingInputStream h = new HashingInputStream(in);
            h.drain();
            return h.sha256();
        }
    }

    /** Signed record first, then the renames: every object is always in a state some signed record describes. */
    private int commit(BackupStore store, Signer signer, String oldFp, List<AgeRecipient> to, List<Prepared> batch, List<String> records) {
        String id = Instant.now().toString().replace(":", "").replace(".", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<RotationRecord.Rotated> rotated = batch.stream().map(p -> new RotationRecord.Rotated(p.sha256(), p.object(), p.beforeSha(),
                p.beforeSize(), p.afterSha(), p.afterSize(), p.payloadSha(), p.recipients())).toList();
        RotationRecord record = new RotationRecord(RotationRecord.FORMAT, id, Instant.now(), oldFp, to.stream().map(RecipientRef::of).toList(),
                signer.keyId(), rotated);
        byte[] bytes = BackupStore.toJson(record);
        Path file = store.path(BackupStore.ROTATIONS + "/" + id + ".json");
        store.writeDurably(file, bytes);
        store.writeSignature(file, bytes, signer);
        records.add(id + " (SHA-256 " + Hashes.sha256Hex(bytes) + ")");
        for (Prepared p : batch) {
            replace(store, p);
        }
        return batch.size();
    }

    /** Renames the re-wrapped copy over the original; locally, then overwrites the old header in the replaced (unlinked) file. */
    private static void replace(BackupStore store, Prepared p) {
        Path target = store.path(p.object());
        if (!store.isLocal()) {
            Storage.atomicReplace(store.fs(), p.temp(), target);
            return;
        }
        java.nio.file.Path local = java.nio.file.Path.of(store.fs().makeQualified(target).toUri());
        try (FileChannel old = FileChannel.open(local, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int header;
            try (InputStream in = new BufferedInputStream(java.nio.file.Files.newInputStream(local))) {
                header = AgeHeader.read(in).length();
            }
            Storage.atomicReplace(store.fs(), p.temp(), target);
            byte[] noise = new byte[header];
            new SecureRandom().nextBytes(noise);
            ByteBuffer buf = ByteBuffer.wrap(noise);
            long pos = 0;
            while (buf.hasRemaining()) {
                pos += old.write(buf, pos);
            }
            old.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + local + ": " + e.getMessage(), e);
        }
    }

    private static AgeIdentity readIdentity(java.nio.file.Path file) {
        try {
            return AgeIdentity.readFile(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("no identity file at " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the old identity " + file + ": " + e.getMessage(), e);
        }
    }
}
