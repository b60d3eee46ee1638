package io.custodia.backup.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the signed sets and rotation records of a destination say about its objects: every
 * signed state of each object (by plaintext SHA-256), the recipients' public keys by fingerprint,
 * and for each logical path the entry of the newest set holding it (the incremental pre-check).
 */
public final class ObjectIndex {
    private final Map<String, List<ObjectState>> states = new HashMap<>();
    private final Map<String, String> recipients = new LinkedHashMap<>();
    private final Map<String, ManifestEntry> latestByPath = new HashMap<>();

    public static ObjectIndex of(List<Manifest> sets, List<RotationRecord> rotations) {
        ObjectIndex index = new ObjectIndex();
        List<Manifest> sorted = new ArrayList<>(sets);
        sorted.sort(Comparator.comparing(Manifest::createdAt));
        for (Manifest m : sorted) {
            m.recipients().forEach(r -> index.recipients.putIfAbsent(r.fingerprint(), r.recipient()));
            for (ManifestEntry e : m.files()) {
                index.add(e.sha256(), new ObjectState(e.ciphertextSha256(), e.ciphertextSize(), e.recipients(), m.createdAt(), "set " + m.set()));
                index.latestByPath.put(e.path(), e);
            }
        }
        for (RotationRecord r : rotations) {
            r.to().forEach(x -> index.recipients.putIfAbsent(x.fingerprint(), x.recipient()));
            for (RotationRecord.Rotated o : r.objects()) {
                index.add(o.sha256(), new ObjectState(o.afterSha256(), o.afterSize(), o.recipients(), r.createdAt(), "rotation " + r.id()));
            }
        }
        index.states.values().forEach(l -> l.sort(Comparator.comparing(ObjectState::at)));
        return index;
    }

    private void add(String sha256, ObjectState state) {
        states.computeIfAbsent(sha256, k -> new ArrayList<>()).add(state);
    }

    public boolean knows(String sha256) {
        return states.containsKey(sha256);
    }

    /** The most recent signed state: what the object should look like now. */
    public Optional<ObjectState> latest(String sha256) {
        List<ObjectState> l = states.get(sha256);
        return l == null ? Optional.empty() : Optional.of(l.getLast());
    }

    public List<ObjectState> states(String sha256) {
        return states.getOrDefault(sha256, List.of());
    }

    /** The signed state whose whole-file hash is {@code ciphertextSha256}, if any (newest first). */
    public Optional<ObjectState> stateWithHash(String sha256, String ciphertextSha256) {
        List<ObjectState> l = states(sha256);
        for (int i = l.size() - 1; i >= 0; i--) {
            if (l.get(i).ciphertextSha256().equals(ciphertextSha256)) {
                return Optional.of(l.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<ManifestEntry> previous(String logicalPath) {
        return Optional.ofNullable(latestByPath.get(logicalPath));
    }

    /** The public key (age1…) of a recipient fingerprint seen in any set or rotation. */
    public Optional<String> recipient(String fingerprint) {
        return Optional.ofNullable(recipients.get(fingerprint));
    }

    public int objectCount() {
        return states.size();
    }
}
