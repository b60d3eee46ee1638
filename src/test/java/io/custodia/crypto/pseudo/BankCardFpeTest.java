package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BankCardFpeTest {

  private static final byte[] TWEAK = "payments.card_no".getBytes();

  static String randomCard(Random rnd) {
    int len = 16 + rnd.nextInt(4);
    StringBuilder sb = new StringBuilder("62");
    while (sb.length() < len - 1) sb.append((char) ('0' + rnd.nextInt(10)));
    return sb.toString() + BankCardFpe.luhnCheckDigit(sb.toString());
  }

  @Test
  void luhn() {
    assertTrue(BankCardFpe.luhnValid("4111111111111111"));
    assertTrue(BankCardFpe.luhnValid("5555555555554444"));
    assertTrue(BankCardFpe.luhnValid("79927398713"));
    assertFalse(BankCardFpe.luhnValid("79927398710"));
    assertFalse(BankCardFpe.luhnValid("4111111111111112"));
    assertFalse(BankCardFpe.luhnValid("4111 1111 1111 1111"));
    assertFalse(BankCardFpe.luhnValid("0"));
    assertFalse(BankCardFpe.luhnValid(""));
    assertFalse(BankCardFpe.luhnValid(null));
    assertEquals('3', BankCardFpe.luhnCheckDigit("7992739871"));
    assertEquals('1', BankCardFpe.luhnCheckDigit("411111111111111"));
    assertEquals('0', BankCardFpe.luhnCheckDigit("0"));
    assertThrows(IllegalArgumentException.class, () -> BankCardFpe.luhnCheckDigit(""));
    assertThrows(IllegalArgumentException.class, () -> BankCardFpe.luhnCheckDigit("12a4"));
    // Every single-digit error is caught.
    String card = "6222020200112345670";
    card = card.substring(0, 18) + BankCardFpe.luhnCheckDigit(card.substring(0, 18));
    for (int i = 0; i < card.length(); i++) {
      for (char d = '0'; d <= '9'; d++) {
        if (d == card.charAt(i)) continue;
        String typo = card.substring(0, i) + d + card.substring(i + 1);
        assertFalse(BankCardFpe.luhnValid(typo), typo);
      }
    }
  }

  @Test
  void propertyRoundTripOnRandomCards() {
    Random rnd = new Random(9);
    MasterKey m = MasterKey.generate();
    for (BankCardFpe.Parameters p :
        new BankCardFpe.Parameters[] {BankCardFpe.Parameters.KEEP_BIN, BankCardFpe.Parameters.ENCRYPT_ALL}) {
      var fpe = BankCardFpe.create(TestKeys.fpeKey(m, "card_no"), p);
      for (int i = 0; i < 2_000; i++) {
        String card = randomCard(rnd);
        String ct = fpe.encrypt(card, TWEAK);
        assertEquals(card.length(), ct.length());
        assertTrue(ct.chars().allMatch(c -> c >= '0' && c <= '9'), ct);
        assertTrue(BankCardFpe.luhnValid(ct), ct);
        if (p.keepBin()) assertEquals(card.substring(0, 6), ct.substring(0, 6));
        assertNotEquals(card.substring(6, card.length() - 1), ct.substring(6, ct.length() - 1));
        assertEquals(ct, fpe.encrypt(card, TWEAK));
        assertEquals(card, fpe.decrypt(ct, TWEAK));
      }
    }
  }

  @Test
  void differsByKeyAndTweak() {
    String card = "4111111111111111";
    var a = BankCardFpe.create(TestKeys.fpeKey(MasterKey.generate(), "card_no"), BankCardFpe.Parameters.KEEP_BIN);
    var b = BankCardFpe.create(TestKeys.fpeKey(MasterKey.generate(), "card_no"), BankCardFpe.Parameters.KEEP_BIN);
    assertNotEquals(a.encrypt(card, TWEAK), b.encrypt(card, TWEAK));
    assertNotEquals(a.encrypt(card, TWEAK), a.encrypt(card, new byte[0]));
  }

  @Test
  void rejectsInvalidInputWithoutQuotingIt() {
    var fpe = BankCardFpe.create(TestKeys.fpeKey("card_no"), BankCardFpe.Parameters.KEEP_BIN);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fpe.encrypt("4111111111111112", TWEAK));
    assertTrue(e.getMessage().contains("Luhn"), e.getMessage());
    assertFalse(e.getMessage().contains("411111"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fpe.encrypt("411111111111111", TWEAK));
    assertTrue(e.getMessage().contains("length 15"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fpe.encrypt("41111111111111111111", TWEAK));
    assertTrue(e.getMessage().contains("length 20"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> fpe.decrypt("4111-11111111111", TWEAK));
    assertTrue(e.getMessage().contains("index 4"), e.getMessage());
  }
}
