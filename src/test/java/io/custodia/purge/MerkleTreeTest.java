package io.custodia.purge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Merkle tree against the RFC 6962 reference vectors (Certificate Transparency), and proofs for every leaf of every shape. */
class MerkleTreeTest {
    static final HexFormat HEX = HexFormat.of();
    static final List<byte[]> LEAVES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f").stream().map(HEX::parseHex).toList();
    static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    @Test
    void rootsMatchTheReferenceForEverySize() {
        for (int n = 0; n <= LEAVES.size(); n++) {
            assertThat(HEX.formatHex(new MerkleTree(LEAVES.subList(0, n)).root())).as("size " + n).isEqualTo(ROOTS.get(n));
        }
    }

    @Test
    void theStreamedRootEqualsTheTreeRootForEverySize() {
        for (int n = 0; n <= 70; n++) {
            List<byte[]> leaves = new ArrayList<>();
            MerkleTree.Streaming s = new MerkleTree.Streaming();
            for (int i = 0; i < n; i++) {
                leaves.add(new byte[] {(byte) i, 42});
                s.add(leaves.getLast());
            }
            assertThat(HEX.formatHex(s.root())).as("size " + n).isEqualTo(HEX.formatHex(new MerkleTree(leaves).root()));
        }
        MerkleTree.Streaming ref = new MerkleTree.Streaming();
        LEAVES.forEach(ref::add);
        assertThat(HEX.formatHex(ref.root())).isEqualTo(ROOTS.get(8));
    }

    @Test
    void auditPathsMatchTheReference() {
        MerkleTree t = new MerkleTree(LEAVES);
        assertThat(t.path(0).stream().map(HEX::formatHex).toList()).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(t.path(5).stream().map(HEX::formatHex).toList()).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    }

    @Test
    void everyLeafProvesAndNothingElseDoes() {
        for (int n = 1; n <= 37; n++) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                leaves.add(new byte[] {(byte) i, (byte) (i * 7)});
            }
            MerkleTree t = new MerkleTree(leaves);
            byte[] root = t.root();
            for (int i = 0; i < n; i++) {
                List<byte[]> path = t.path(i);
                assertThat(MerkleTree.verify(leaves.get(i), i, n, path, root)).as(n + "/" + i).isTrue();
                assertThat(MerkleTree.verify(new byte[] {9, 9, 9}, i, n, path, root)).isFalse();
                if (n > 1) {
                    assertThat(MerkleTree.verify(leaves.get(i), (i + 1) % n, n, path, root)).isFalse();
                    byte[] bad = path.getFirst().clone();
                    bad[0] ^= 1;
                    List<byte[]> tampered = new ArrayList<>(path);
                    tampered.set(0, bad);
                    assertThat(MerkleTree.verify(leaves.get(i), i, n, tampered, root)).isFalse();
                }
            }
        }
    }
}
