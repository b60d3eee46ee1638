package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class KeyDerivationTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc5869TestCase1() {
    byte[] okm =
        KeyDerivation.hkdfSha256(
            HEX.parseHex("0b".repeat(22)),
            HEX.parseHex("000102030405060708090a0b0c"),
            HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"),
            42);
    assertEquals(
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
        HEX.formatHex(okm));
  }

  @Test
  void rfc5869TestCase3EmptySaltAndInfo() {
    byte[] okm = KeyDerivation.hkdfSha256(HEX.parseHex("0b".repeat(22)), null, new byte[0], 42);
    assertEquals(
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8",
        HEX.formatHex(okm));
  }

  @Test
  void agreesWithTheJdkKdfApi() throws Exception {
    MasterKey master = TestKeys.fixedMaster();
    DerivedKeyId id = new DerivedKeyId(KeyPurpose.PSEUDONYM, "r", "p", "c", 3);
    KDF kdf = KDF.getInstance("HKDF-SHA256");
    byte[] jdk =
        kdf.deriveData(
            HKDFParameterSpec.ofExtract()
                .addIKM(new SecretKeySpec(master.bytes(), "Generic"))
                .thenExpand(id.info(), 32));
    assertArrayEquals(jdk, new KeyDerivation(master).derive(id).rawKeyMaterial());
  }

  /** Pins the info encoding and HKDF use: a change here changes every pseudonym ever issued. */
  @Test
  void goldenDerivedKey() {
    DerivedKeyId id =
        new DerivedKeyId(KeyPurpose.PSEUDONYM, "partner-acme", "fraud-analytics", "mobile", 1);
    assertEquals(
        "0000001c" + HEX.formatHex("custodia/pseudo/hkdf-info/v1".getBytes())
            + "00000009" + HEX.formatHex("pseudonym".getBytes())
            + "0000000c" + HEX.formatHex("partner-acme".getBytes())
            + "0000000f" + HEX.formatHex("fraud-analytics".getBytes())
            + "00000006" + HEX.formatHex("mobile".getBytes())
            + "00000001",
        HEX.formatHex(id.info()));
    assertEquals(
        GOLDEN_PSEUDONYM_KEY,
        HEX.formatHex(new KeyDerivation(TestKeys.fixedMaster()).derive(id).rawKeyMaterial()));
  }

  static final String GOLDEN_PSEUDONYM_KEY =
      "2070f80a7a7b05e5a32c6670070ad841ba930d7e39a9cb67fa0e2ad65739ba00";

  @Test
  void deterministic() {
    MasterKey m = MasterKey.generate();
    DerivedKeyId id = new DerivedKeyId(KeyPurpose.FPE, "r", "p", "c", 1);
    assertArrayEquals(
        new KeyDerivation(m).derive(id).rawKeyMaterial(),
        new KeyDerivation(m).derive(id).rawKeyMaterial());
  }

  @Test
  void trickyTuplesNeverShareInfoOrKeys() {
    List<DerivedKeyId> ids = new ArrayList<>();
    String[][] triples = {
      {"a|b", "c", "d"}, {"a", "b|c", "d"}, {"a", "b", "c|d"},
      {"ab", "c", "d"}, {"a", "bc", "d"}, {"a", "b", "cd"},
      {"a\u0000b", "c", "d"}, {"a", "\u0000bc", "d"},
      {"a", "b\u0000\u0000\u0000\u0001c", "d"}, {"a", "b", "\u0000\u0000\u0000\u0001c\u0000\u0000\u0000\u0001d"},
      {"é", "b", "c"}, {"e\u0301", "b", "c"}, {"x", "y", "z"}, {"X", "y", "z"},
    };
    for (String[] t : triples) {
      for (KeyPurpose p : KeyPurpose.values()) {
        for (int v = 1; v <= 2; v++) {
          ids.add(new DerivedKeyId(p, t[0], t[1], t[2], v));
        }
      }
    }
    ids.add(DerivedKeyId.forSubjectHash(1));
    ids.add(new DerivedKeyId(KeyPurpose.SUBJECT_HASH, "", "ab", "", 1));
    ids.add(new DerivedKeyId(KeyPurpose.SUBJECT_HASH, "a", "b", "", 1));
    ids.add(new DerivedKeyId(KeyPurpose.SUBJECT_HASH, "ab", "", "", 1));
    // A version that looks like a length prefix of a following field.
    ids.add(new DerivedKeyId(KeyPurpose.PSEUDONYM, "a", "b", "c", 0x00000101));

    Set<String> infos = new HashSet<>();
    Set<String> keys = new HashSet<>();
    KeyDerivation kd = new KeyDerivation(MasterKey.generate());
    for (DerivedKeyId id : ids) {
      assertTrue(infos.add(HEX.formatHex(id.info())), "info collision for " + id);
      assertTrue(keys.add(HEX.formatHex(kd.derive(id).rawKeyMaterial())), "key collision " + id);
    }
  }

  @Test
  void pipeSplitExampleFromTheSpec() {
    var a = new DerivedKeyId(KeyPurpose.PSEUDONYM, "a|b", "c", "col", 1);
    var b = new DerivedKeyId(KeyPurpose.PSEUDONYM, "a", "b|c", "col", 1);
    assertFalse(java.util.Arrays.equals(a.info(), b.info()));
  }

  @Test
  void everyFieldChangesTheKey() {
    KeyDerivation kd = new KeyDerivation(TestKeys.fixedMaster());
    DerivedKeyId base = new DerivedKeyId(KeyPurpose.FPE, "r", "p", "c", 1);
    String k = HEX.formatHex(kd.derive(base).rawKeyMaterial());
    for (DerivedKeyId other :
        List.of(
            new DerivedKeyId(KeyPurpose.PSEUDONYM, "r", "p", "c", 1),
            new DerivedKeyId(KeyPurpose.FPE, "r2", "p", "c", 1),
            new DerivedKeyId(KeyPurpose.FPE, "r", "p2", "c", 1),
            new DerivedKeyId(KeyPurpose.FPE, "r", "p", "c2", 1),
            new DerivedKeyId(KeyPurpose.FPE, "r", "p", "c", 2))) {
      assertNotEquals(k, HEX.formatHex(kd.derive(other).rawKeyMaterial()), other.toString());
    }
    assertNotEquals(
        k, HEX.formatHex(new KeyDerivation(MasterKey.generate()).derive(base).rawKeyMaterial()));
  }

  @Test
  void rejectsBadIds() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new DerivedKeyId(KeyPurpose.PSEUDONYM, "", "p", "c", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DerivedKeyId(KeyPurpose.FPE, "r", " ", "c", 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DerivedKeyId(KeyPurpose.FPE, "r", "p", "c", 0));
    assertThrows(
        NullPointerException.class, () -> new DerivedKeyId(KeyPurpose.FPE, null, "p", "c", 1));
    // "\uD800" would encode to "?" in UTF-8 and collide with the literal "?".
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DerivedKeyId(KeyPurpose.FPE, "r\uD800", "p", "c", 1));
    assertTrue(e.getMessage().contains("recipient"), e.getMessage());
  }

  @Test
  void derivedKeyToStringHidesBytes() {
    DerivedKey k = TestKeys.fpeKey("mobile");
    String hex = HEX.formatHex(k.rawKeyMaterial());
    assertFalse(k.toString().contains(hex.substring(0, 8)));
    assertTrue(k.toString().contains("mobile"));
  }

  @Test
  void rawKeyMaterialIsACopy() {
    DerivedKey k = TestKeys.fpeKey("mobile");
    byte[] first = k.rawKeyMaterial();
    first[0] ^= 1;
    assertFalse(java.util.Arrays.equals(first, k.rawKeyMaterial()));
  }
}
