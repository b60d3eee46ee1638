package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HmacPseudonymizerTest {

  private static HmacPseudonymizer pseudonymizer(MasterKey master, String column) {
    return HmacPseudonymizer.create(TestKeys.key(master, KeyPurpose.PSEUDONYM, column));
  }

  @Test
  void tokenIs26LowercaseBase32Chars() {
    Pseudonymizer p = pseudonymizer(MasterKey.generate(), "mobile");
    for (String v : List.of("", "a", "13800138000", "张三", "x".repeat(10_000))) {
      String t = p.token(v);
      assertEquals(26, t.length());
      assertTrue(t.matches("[a-z2-7]{26}"), t);
    }
  }

  @Test
  void tokenIsTheBase32PrefixOfTheHmacTag() {
    DerivedKey key = TestKeys.key(TestKeys.fixedMaster(), KeyPurpose.PSEUDONYM, "mobile");
    byte[] tag = HmacSha256.compute(key.rawKeyMaterial(), "13800138000".getBytes());
    // An independent RFC 4648 encoder (BouncyCastle's), lowercased and cut at 26.
    String expected =
        org.bouncycastle.util.encoders.Base32.toBase32String(tag).toLowerCase(Locale.ROOT);
    assertEquals(expected.substring(0, 26), HmacPseudonymizer.create(key).token("13800138000"));
  }

  /** Pins the token format end to end; a change here changes every pseudonym ever issued. */
  @Test
  void goldenToken() {
    assertEquals(GOLDEN, pseudonymizer(TestKeys.fixedMaster(), "mobile").token("13800138000"));
  }

  static final String GOLDEN = "xmixxgnie7ib7qrushlbo7pdia";

  @Test
  void deterministicAndKeyed() {
    MasterKey m = MasterKey.generate();
    assertEquals(
        pseudonymizer(m, "mobile").token("13800138000"),
        pseudonymizer(m, "mobile").token("13800138000"));
    assertNotEquals(
        pseudonymizer(m, "mobile").token("13800138000"),
        pseudonymizer(m, "phone").token("13800138000"));
    assertNotEquals(
        pseudonymizer(m, "mobile").token("13800138000"),
        pseudonymizer(MasterKey.generate(), "mobile").token("13800138000"));
  }

  @Test
  void noCollisionsOnManyNearbyValues() {
    Pseudonymizer p = pseudonymizer(MasterKey.generate(), "mobile");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertTrue(seen.add(p.token("138" + String.format("%08d", i))));
    }
  }

  @Test
  void noNormalization() {
    Pseudonymizer p = pseudonymizer(MasterKey.generate(), "name");
    assertNotEquals(p.token("abc"), p.token("abc "));
    assertNotEquals(p.token("abc"), p.token("ABC"));
    assertNotEquals(p.token("é"), p.token("e\u0301"));
  }

  @Test
  void rejectsMalformedUtf16InsteadOfCollidingWithQuestionMark() {
    Pseudonymizer p = pseudonymizer(MasterKey.generate(), "name");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.token("ab\uDC00"));
    assertTrue(e.getMessage().contains("index 2"), e.getMessage());
    assertThrows(NullPointerException.class, () -> p.token(null));
  }

  @Test
  void threadSafe() throws Exception {
    HmacPseudonymizer p = pseudonymizer(MasterKey.generate(), "mobile");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) expected.add(p.token("v" + i));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 2_000; i++) {
                    if (!p.token("v" + i).equals(expected.get(i))) return false;
                  }
                  return true;
                }));
      }
      for (Future<Boolean> r : results) assertTrue(r.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void toStringNamesKeyIdOnly() {
    HmacPseudonymizer p = pseudonymizer(TestKeys.fixedMaster(), "mobile");
    assertTrue(p.toString().contains("partner-acme"));
    assertEquals("mobile", p.keyId().column());
  }
}
