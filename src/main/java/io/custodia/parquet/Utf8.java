package io.custodia.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.io.api.Binary;

/**
 * A string value still in the UTF-8 bytes the file holds. A job that copies rows without looking at
 * most of their text (purge) reads them this way ({@link RowFiles#openUndecoded}): decoding every
 * value to a {@link String} and encoding it again on write is most of the cost of a copy. The text is
 * decoded only when asked for ({@link #toString()}); the Parquet writer writes the bytes unchanged.
 */
public final class Utf8 {
    private final Binary bytes;
    /**
     * The text once decoded. A dictionary-encoded value is one Utf8 shared by every row that holds it
     * (a customer's key in all their events), so the subject key of each row is decoded, and its
     * String hashed for the register look-up, once per distinct value instead of once per row.
     * Unsynchronized: two threads that race both store equal Strings.
     */
    private String text;

    Utf8(Binary bytes) {
        this.bytes = bytes;
    }

    public static Utf8 of(String text) {
        return new Utf8(Binary.fromString(text));
    }

    /** Writes the encoded bytes to {@code out} without copying them first. */
    public void writeTo(OutputStream out) throws IOException {
        bytes.writeTo(out);
    }

    public int length() {
        return bytes.length();
    }

    Binary binary() {
        return bytes;
    }

    /**
     * The decoded text. Personal data: never log it. Decoded by the String constructor straight from
     * the bytes the value sits in: Parquet's own {@code toStringUsingUTF8} goes through a
     * CharsetDecoder with a ByteBuffer, a CharBuffer and a char array per value (a purge decodes
     * the subject key of every row).
     */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = decode();
            text = t;
        }
        return t;
    }

    private String decode() {
        ByteBuffer b = bytes.toByteBuffer();
        if (b.hasArray()) {
            return new String(b.array(), b.arrayOffset() + b.position(), b.remaining(), StandardCharsets.UTF_8);
        }
        return bytes.toStringUsingUTF8();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Utf8 u && bytes.equals(u.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }
}
