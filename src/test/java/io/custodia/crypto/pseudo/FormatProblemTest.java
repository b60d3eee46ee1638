package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FormatPreservingCipher#formatProblem} says exactly what encrypt and decrypt refuse, in their words. */
class FormatProblemTest {
  private static final byte[] NO_TWEAK = new byte[0];

  record Case(FormatPreservingCipher cipher, List<String> valid, List<String> invalid) {}

  @Test
  void agreesWithEncryptAndDecrypt() {
    DerivedKey key = TestKeys.fpeKey("col");
    List<Case> cases =
        List.of(
            new Case(
                MobileNumberFpe.create(key, MobileNumberFpe.Parameters.KEEP_CARRIER_PREFIX),
                List.of("13812345678", "19900000000"),
                List.of("+1 555 0100", "12345678901", "1381234567", "1381234567x", "")),
            new Case(
                ChineseResidentIdFpe.create(key, new ChineseResidentIdFpe.Parameters(true)),
                List.of("11010519491231002X"),
                List.of("11010519491231002x", "110105194912310021", "1101051949123100", "E10000001")),
            new Case(
                BankCardFpe.create(key, new BankCardFpe.Parameters(true)),
                List.of("6222020200112345679"),
                List.of("6222020200112345678", "6222-0202-0011-2345", "123")),
            new Case(
                Ff1Cipher.create(key, Alphabet.DIGITS),
                List.of("000000", "12345678901234567890123456789012345678"),
                List.of("12345", "1234a67890", "１２３４５６７", "")));
    for (Case c : cases) {
      for (String v : c.valid()) {
        assertNull(c.cipher().formatProblem(v), c.cipher() + " " + v.length());
        String ct = c.cipher().encrypt(v, NO_TWEAK);
        assertNull(c.cipher().formatProblem(ct));
        assertEquals(v, c.cipher().decrypt(ct, NO_TWEAK));
      }
      for (String v : c.invalid()) {
        String problem = c.cipher().formatProblem(v);
        assertNotNull(problem, c.cipher() + " accepted an invalid value of length " + v.length());
        if (v.length() >= 4) {
          assertFalse(problem.contains(v), problem);
        }
        String tail = problem.substring(problem.indexOf(' '));
        IllegalArgumentException enc =
            assertThrows(IllegalArgumentException.class, () -> c.cipher().encrypt(v, NO_TWEAK));
        assertTrue(enc.getMessage().endsWith(tail), enc.getMessage() + " / " + problem);
        IllegalArgumentException dec =
            assertThrows(IllegalArgumentException.class, () -> c.cipher().decrypt(v, NO_TWEAK));
        String decTail = tail.replace("plaintext", "ciphertext");
        assertTrue(dec.getMessage().endsWith(decTail), dec.getMessage() + " / " + problem);
      }
    }
  }
}
