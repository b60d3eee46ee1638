package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MobileNumberFpeTest {

  private static final byte[] TWEAK = "customers.mobile".getBytes();

  static String randomMobile(Random rnd) {
    StringBuilder sb = new StringBuilder("1").append((char) ('3' + rnd.nextInt(7)));
    for (int i = 0; i < 9; i++) sb.append((char) ('0' + rnd.nextInt(10)));
    return sb.toString();
  }

  @Test
  void validity() {
    assertTrue(MobileNumberFpe.isValid("13812345678"));
    assertTrue(MobileNumberFpe.isValid("19912345678"));
    assertFalse(MobileNumberFpe.isValid("12812345678"));
    assertFalse(MobileNumberFpe.isValid("23812345678"));
    assertFalse(MobileNumberFpe.isValid("1381234567"));
    assertFalse(MobileNumberFpe.isValid("+8613812345678"));
    assertFalse(MobileNumberFpe.isValid("138-1234-5678"));
    assertFalse(MobileNumberFpe.isValid(null));
  }

  @Test
  void propertyRoundTripKeepingCarrierPrefix() {
    check(MobileNumberFpe.Parameters.KEEP_CARRIER_PREFIX, 3);
  }

  @Test
  void propertyRoundTripKeepingOnlyTheLeadingOne() {
    check(MobileNumberFpe.Parameters.ENCRYPT_ALL, 1);
  }

  private void check(MobileNumberFpe.Parameters p, int kept) {
    Random rnd = new Random(p.keepCarrierPrefix() ? 3 : 1);
    var fpe = MobileNumberFpe.create(TestKeys.fpeKey(MasterKey.generate(), "mobile"), p);
    Set<Character> secondDigits = new HashSet<>();
    Set<String> ciphertexts = new HashSet<>();
    for (int i = 0; i < 3_000; i++) {
      String m = randomMobile(rnd);
      String ct = fpe.encrypt(m, TWEAK);
      assertTrue(MobileNumberFpe.isValid(ct), ct);
      assertEquals(m.substring(0, kept), ct.substring(0, kept));
      assertEquals(ct, fpe.encrypt(m, TWEAK));
      assertEquals(m, fpe.decrypt(ct, TWEAK));
      secondDigits.add(ct.charAt(1));
      ciphertexts.add(ct);
    }
    if (!p.keepCarrierPrefix()) {
      assertEquals(7, secondDigits.size(), "second digit should range over 3-9: " + secondDigits);
    }
    assertTrue(ciphertexts.size() > 2_990); // inputs may repeat; ciphertexts follow them
  }

  @Test
  void cycleWalkingIsAPermutationOfValidNumbers() {
    // Exhaustive over a slice: all 10,000 numbers 13800000000..13800009999 map to distinct valid
    // numbers that decrypt back.
    var fpe =
        MobileNumberFpe.create(TestKeys.fpeKey("mobile"), MobileNumberFpe.Parameters.ENCRYPT_ALL);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String m = String.format("138000%05d", i);
      String ct = fpe.encrypt(m, TWEAK);
      assertTrue(seen.add(ct));
      assertEquals(m, fpe.decrypt(ct, TWEAK));
    }
  }

  @Test
  void differsByKeyAndTweak() {
    String m = "13812345678";
    var a = MobileNumberFpe.create(TestKeys.fpeKey(MasterKey.generate(), "mobile"), MobileNumberFpe.Parameters.KEEP_CARRIER_PREFIX);
    var b = MobileNumberFpe.create(TestKeys.fpeKey(MasterKey.generate(), "mobile"), MobileNumberFpe.Parameters.KEEP_CARRIER_PREFIX);
    assertNotEquals(a.encrypt(m, TWEAK), b.encrypt(m, TWEAK));
    assertNotEquals(a.encrypt(m, TWEAK), a.encrypt(m, new byte[] {1}));
  }

  @Test
  void rejectsInvalidInputWithoutQuotingIt() {
    var fpe =
        MobileNumberFpe.create(TestKeys.fpeKey("mobile"), MobileNumberFpe.Parameters.ENCRYPT_ALL);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fpe.encrypt("12812345678", TWEAK));
    assertFalse(e.getMessage().contains("12812345678"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fpe.encrypt("1381234567", TWEAK));
    assertTrue(e.getMessage().contains("length 10"), e.getMessage());
  }
}
