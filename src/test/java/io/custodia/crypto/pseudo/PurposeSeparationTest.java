package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A key derived for one purpose must not be usable by another primitive. */
class PurposeSeparationTest {

  @Test
  void primitivesRefuseKeysOfAnotherPurpose() {
    DerivedKey fpe = TestKeys.fpeKey("mobile");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HmacPseudonymizer.create(fpe));
    assertTrue(e.getMessage().contains("'fpe'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SubjectHasher.create(fpe));
    DerivedKey pseudo = TestKeys.key(TestKeys.fixedMaster(), KeyPurpose.PSEUDONYM, "mobile");
    assertThrows(IllegalArgumentException.class, () -> Ff1Cipher.create(pseudo, Alphabet.DIGITS));
  }
}
