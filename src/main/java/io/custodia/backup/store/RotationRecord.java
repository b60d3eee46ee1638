package io.custodia.backup.store;

import java.time.Instant;
import java.util.List;

/**
 * A signed record of a key rotation ({@code rotations/<id>.json} + {@code .sig}): which objects had
 * their age header re-wrapped, their whole-file SHA-256 before and after, and the SHA-256 of the
 * payload (nonce and encrypted chunks), which a rewrap leaves untouched. Manifests are never
 * rewritten; verification accepts an object in any state a manifest or a rotation record signed.
 */
public record RotationRecord(String format, String id, Instant createdAt, String from, List<RecipientRef> to, String signingKey,
        List<Rotated> objects) {
    public static final String FORMAT = "custodia-backup-rotation/1";

    public RotationRecord {
        to = List.copyOf(to);
        objects = List.copyOf(objects);
    }

    /** One re-wrapped object. */
    public record Rotated(String sha256, String object, String beforeSha256, long beforeSize, String afterSha256, long afterSize,
            String payloadSha256, List<String> recipients) {
        public Rotated {
            recipients = List.copyOf(recipients);
        }
    }
}
