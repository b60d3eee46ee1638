package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChineseResidentIdFpeTest {

  /** The example number of GB 11643-1999. */
  private static final String SAMPLE = "11010519491231002X";

  private static final byte[] TWEAK = "customers.id_card".getBytes();

  static String randomId(Random rnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 17; i++) sb.append((char) ('0' + rnd.nextInt(10)));
    return sb.toString() + ChineseResidentIdFpe.checkChar(sb.toString());
  }

  @Test
  void checkCharFollowsIso7064Mod11_2() {
    assertEquals('X', ChineseResidentIdFpe.checkChar("11010519491231002"));
    assertEquals('4', ChineseResidentIdFpe.checkChar("44052418800101001"));
    assertEquals('1', ChineseResidentIdFpe.checkChar("00000000000000000"));
    assertTrue(ChineseResidentIdFpe.isValid(SAMPLE));
    assertTrue(ChineseResidentIdFpe.isValid("440524188001010014"));
    assertFalse(ChineseResidentIdFpe.isValid("11010519491231002x"));
    assertFalse(ChineseResidentIdFpe.isValid("110105194912310021"));
    assertFalse(ChineseResidentIdFpe.isValid("1101051949123100X"));
    assertFalse(ChineseResidentIdFpe.isValid("11010519491231002X "));
    assertFalse(ChineseResidentIdFpe.isValid("１1010519491231002X"));
    assertFalse(ChineseResidentIdFpe.isValid(null));
    assertThrows(IllegalArgumentException.class, () -> ChineseResidentIdFpe.checkChar("1101051949123100"));
    assertThrows(IllegalArgumentException.class, () -> ChineseResidentIdFpe.checkChar("1101051949123100a"));
  }

  @Test
  void keepsRegionCodeAndRoundTrips() {
    var fpe =
        ChineseResidentIdFpe.create(
            TestKeys.fpeKey("id_card"), ChineseResidentIdFpe.Parameters.KEEP_REGION_CODE);
    String ct = fpe.encrypt(SAMPLE, TWEAK);
    assertEquals("110105", ct.substring(0, 6));
    assertNotEquals(SAMPLE, ct);
    assertTrue(ChineseResidentIdFpe.isValid(ct), ct);
    assertEquals(SAMPLE, fpe.decrypt(ct, TWEAK));
  }

  @Test
  void propertyRoundTripOnRandomValidIds() {
    Random rnd = new Random(11643);
    MasterKey m = MasterKey.generate();
    for (ChineseResidentIdFpe.Parameters p :
        new ChineseResidentIdFpe.Parameters[] {
          ChineseResidentIdFpe.Parameters.KEEP_REGION_CODE, ChineseResidentIdFpe.Parameters.ENCRYPT_ALL
        }) {
      var fpe = ChineseResidentIdFpe.create(TestKeys.fpeKey(m, "id_card"), p);
      int unchangedMiddles = 0;
      for (int i = 0; i < 2_000; i++) {
        String id = randomId(rnd);
        String ct = fpe.encrypt(id, TWEAK);
        assertEquals(18, ct.length());
        assertTrue(ChineseResidentIdFpe.isValid(ct), ct);
        assertTrue(ct.substring(0, 17).chars().allMatch(c -> c >= '0' && c <= '9'));
        if (p.keepRegionCode()) assertEquals(id.substring(0, 6), ct.substring(0, 6));
        if (ct.substring(6, 17).equals(id.substring(6, 17))) unchangedMiddles++;
        assertEquals(ct, fpe.encrypt(id, TWEAK));
        assertEquals(id, fpe.decrypt(ct, TWEAK));
      }
      assertEquals(0, unchangedMiddles);
    }
  }

  @Test
  void differsByKeyTweakAndMode() {
    var k = TestKeys.fpeKey(MasterKey.generate(), "id_card");
    var keep = ChineseResidentIdFpe.create(k, ChineseResidentIdFpe.Parameters.KEEP_REGION_CODE);
    var all = ChineseResidentIdFpe.create(k, ChineseResidentIdFpe.Parameters.ENCRYPT_ALL);
    var otherKey =
        ChineseResidentIdFpe.create(
            TestKeys.fpeKey(MasterKey.generate(), "id_card"),
            ChineseResidentIdFpe.Parameters.KEEP_REGION_CODE);
    String ct = keep.encrypt(SAMPLE, TWEAK);
    assertNotEquals(ct, otherKey.encrypt(SAMPLE, TWEAK));
    assertNotEquals(ct, keep.encrypt(SAMPLE, new byte[0]));
    assertNotEquals(ct.substring(6), all.encrypt(SAMPLE, TWEAK).substring(6));
    // The kept region code is bound into the tweak: same date and sequence, other region.
    String otherRegion = "310105" + SAMPLE.substring(6, 17);
    otherRegion += ChineseResidentIdFpe.checkChar(otherRegion);
    assertNotEquals(ct.substring(6, 17), keep.encrypt(otherRegion, TWEAK).substring(6, 17));
  }

  @Test
  void rejectsInvalidInputWithoutQuotingIt() {
    var fpe =
        ChineseResidentIdFpe.create(
            TestKeys.fpeKey("id_card"), ChineseResidentIdFpe.Parameters.ENCRYPT_ALL);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fpe.encrypt("110105194912310021", TWEAK));
    assertTrue(e.getMessage().contains("check character"), e.getMessage());
    assertFalse(e.getMessage().contains("1101051949"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fpe.encrypt("110105491231002", TWEAK));
    assertTrue(e.getMessage().contains("length 15"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fpe.decrypt("1101051949A231002X", TWEAK));
    assertTrue(e.getMessage().contains("index 10"), e.getMessage());
  }
}
