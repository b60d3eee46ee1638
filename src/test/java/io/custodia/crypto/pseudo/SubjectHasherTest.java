package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SubjectHasherTest {

  @Test
  void stableFormatAndDistinctFromPseudonyms() {
    MasterKey m = MasterKey.generate();
    KeyDerivation kd = new KeyDerivation(m);
    SubjectHasher h = SubjectHasher.create(kd.derive(DerivedKeyId.forSubjectHash(1)));
    String hash = h.hash("customer-42");
    assertTrue(hash.matches("[a-z2-7]{26}"), hash);
    assertEquals(hash, SubjectHasher.create(kd.derive(DerivedKeyId.forSubjectHash(1))).hash("customer-42"));
    assertNotEquals(hash, h.hash("customer-43"));
    assertNotEquals(
        hash, SubjectHasher.create(kd.derive(DerivedKeyId.forSubjectHash(2))).hash("customer-42"));
    // Same master key, same value: a partner's pseudonym never equals the ledger's subject hash.
    HmacPseudonymizer p =
        HmacPseudonymizer.create(
            kd.derive(new DerivedKeyId(KeyPurpose.PSEUDONYM, "r", "p", "subject_key", 1)));
    assertNotEquals(hash, p.token("customer-42"));
  }

  @Test
  void rejectsOtherPurposesAndBadInput() {
    KeyDerivation kd = new KeyDerivation(MasterKey.generate());
    assertThrows(
        IllegalArgumentException.class,
        () -> SubjectHasher.create(kd.derive(new DerivedKeyId(KeyPurpose.PSEUDONYM, "r", "p", "c", 1))));
    SubjectHasher h = SubjectHasher.create(kd.derive(DerivedKeyId.forSubjectHash(1)));
    assertThrows(IllegalArgumentException.class, () -> h.hash("\uD800"));
    assertThrows(NullPointerException.class, () -> h.hash(null));
  }
}
