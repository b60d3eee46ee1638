package io.custodia.purge;

import io.custodia.crypto.Hashes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Merkle tree of RFC 6962 / RFC 9162 §2.1 (Certificate Transparency) over a list of leaves:
 * leaf hash SHA-256(0x00 ‖ leaf), node hash SHA-256(0x01 ‖ left ‖ right), the split at the largest
 * power of two below the size. A certificate publishes only the root; anyone holding one leaf and its
 * audit path can check that the leaf is in the tree, and nobody can read the other leaves from it.
 */
final class MerkleTree {
    private final byte[][] leafHashes;

    MerkleTree(List<byte[]> leaves) {
        leafHashes = new byte[leaves.size()][];
        for (int i = 0; i < leaves.size(); i++) {
            leafHashes[i] = leafHash(leaves.get(i));
        }
    }

    int size() {
        return leafHashes.length;
    }

    byte[] root() {
        return leafHashes.length == 0 ? Hashes.sha256().digest() : hash(0, leafHashes.length);
    }

    /** The audit path of leaf {@code m} (RFC 9162 2.1.3.1), nearest sibling first. */
    List<byte[]> path(int m) {
        if (m < 0 || m >= leafHashes.length) {
            throw new IndexOutOfBoundsException("leaf " + m + " of a tree of " + leafHashes.length);
        }
        List<byte[]> out = new ArrayList<>();
        path(m, 0, leafHashes.length, out);
        return out;
    }

    private void path(int m, int from, int to, List<byte[]> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(m, from, from + k, out);
            out.add(hash(from + k, to));
        } else {
            path(m - k, from + k, to, out);
            out.add(hash(from, from + k));
        }
    }

    private byte[] hash(int from, int to) {
        if (to - from == 1) {
            return leafHashes[from];
        }
        int k = split(to - from);
        return nodeHash(hash(from, from + k), hash(from + k, to));
    }

    /** The largest power of two smaller than n (n ≥ 2). */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    static byte[] leafHash(byte[] leaf) {
        MessageDigest md = Hashes.sha256();
        md.update((byte) 0x00);
        return md.digest(leaf);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = Hashes.sha256();
        md.update((byte) 0x01);
        md.update(left);
        return md.digest(right);
    }

    /**
     * The root of a tree whose leaves arrive one by one (RFC 9162's tree hash, computed with a stack of
     * perfect subtrees: memory grows with the logarithm of the size, not the size).
     */
    static final class Streaming {
        private final java.util.ArrayDeque<long[]> sizes = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<byte[]> hashes = new java.util.ArrayDeque<>();
        private long count;

        void add(byte[] leaf) {
            byte[] h = leafHash(leaf);
            long size = 1;
            while (!sizes.isEmpty() && sizes.peek()[0] == size) {
                sizes.pop();
                h = nodeHash(hashes.pop(), h);
                size *= 2;
            }
            sizes.push(new long[] {size});
            hashes.push(h);
            count++;
        }

        long size() {
            return count;
        }

        byte[] root() {
            if (hashes.isEmpty()) {
                return Hashes.sha256().digest();
            }
            java.util.Iterator<byte[]> it = hashes.iterator(); // smallest (rightmost) subtree first
            byte[] r = it.next();
            while (it.hasNext()) {
                r = nodeHash(it.next(), r);
            }
            return r;
        }
    }

    /** Verifies an inclusion proof (RFC 9162 2.1.3.2): leaf {@code index} of a tree of {@code size} has this root. */
    static boolean verify(byte[] leaf, int index, int size, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1L;
        byte[] r = leafHash(leaf);
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }
}
