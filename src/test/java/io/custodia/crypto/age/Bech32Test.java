package io.custodia.crypto.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BIP-173 test vectors, plus the strictness age relies on. */
class Bech32Test {

  @ParameterizedTest
  @ValueSource(strings = {
      // BIP-173 "valid Bech32" vectors
      "A12UEL5L",
      "a12uel5l",
      "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
      "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
      "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
      "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
      "?1ezyfcl",
      // BIP-173 valid segwit addresses (all bech32 checksums)
      "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
      "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
      "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
      "BC1SW50QA3JX3S",
      "bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj",
      "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy"})
  void validVectorsDecodeAndReencode(String s) {
    Bech32.Decoded d = Bech32.decode5(s);
    assertEquals(s.toLowerCase(Locale.ROOT), Bech32.encode5(d.hrp(), d.data()));
    assertEquals(s.substring(0, s.lastIndexOf('1')).toLowerCase(Locale.ROOT), d.hrp());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\u00201nwldj5", // HRP character out of range
      "\u007f1axkwrx", // HRP character out of range
      "\u00801eym55h", // HRP character out of range
      "an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
      "pzry9x0s0muk", // no separator
      "1pzry9x0s0muk", // empty HRP
      "x1b4n0q5v", // invalid data character
      "li1dgmt3", // too short checksum
      "de1lg7wt\u00ff", // invalid character in checksum
      "A1G7SGD8", // checksum calculated with uppercase HRP
      "10a06t8", // empty HRP
      "1qzzfhee", // empty HRP
      "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", // invalid checksum
      "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", // mixed case
      ""})
  void invalidVectorsAreRejected(String s) {
    assertThrows(IllegalArgumentException.class, () -> Bech32.decode5(s));
  }

  @Test
  void segwitProgramConvertsFromFiveBitGroups() {
    Bech32.Decoded d = Bech32.decode5("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4");
    assertEquals("bc", d.hrp());
    assertEquals(0, d.data()[0]); // witness version
    byte[] program = Bech32.convertBits(Arrays.copyOfRange(d.data(), 1, d.data().length), 5, 8,
        false);
    assertEquals("751e76e8199196d454941c45d1b3a323f1433bd6", HexFormat.of().formatHex(program));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du", // more than 4 padding bits
      "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv"}) // non-zero padding
  void badPaddingIsRejectedWhenConvertingToBytes(String s) {
    Bech32.Decoded d = Bech32.decode5(s); // the checksum itself is fine
    byte[] program = Arrays.copyOfRange(d.data(), 1, d.data().length);
    assertThrows(IllegalArgumentException.class, () -> Bech32.convertBits(program, 5, 8, false));
  }

  @Test
  void bytesRoundTripForEveryLength() {
    for (int n = 0; n <= 40; n++) {
      byte[] data = AgeTestSupport.randomBytes(n, n);
      String s = Bech32.encode("test", data);
      Bech32.Decoded d = Bech32.decode(s);
      assertEquals("test", d.hrp());
      assertArrayEquals(data, d.data(), "length " + n);
      assertArrayEquals(data, Bech32.decode(s.toUpperCase(Locale.ROOT)).data());
    }
  }

  @Test
  void everySingleCharacterSubstitutionIsDetected() {
    String s = AgeTestSupport.VECTOR_RECIPIENT;
    for (int i = s.indexOf('1') + 1; i < s.length(); i++) {
      for (char c : Bech32.CHARSET.toCharArray()) {
        if (c == s.charAt(i)) {
          continue;
        }
        String t = s.substring(0, i) + c + s.substring(i + 1);
        assertThrows(IllegalArgumentException.class, () -> Bech32.decode5(t), t);
      }
    }
  }

  @Test
  void errorMessagesDoNotEchoTheInput() {
    String secret = AgeTestSupport.VECTOR_SECRET;
    String broken = secret.substring(0, 30) + (secret.charAt(30) == 'Q' ? 'P' : 'Q')
        + secret.substring(31);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AgeIdentity.parse(broken));
    assertFalse(e.getMessage().contains(broken.substring(16, 40)), e.getMessage());
    assertFalse(e.getMessage().toUpperCase(Locale.ROOT).contains(secret.substring(16, 30)));
  }
}
