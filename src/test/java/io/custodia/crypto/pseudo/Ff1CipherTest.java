package io.custodia.crypto.pseudo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ff1CipherTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String K128 = "2B7E151628AED2A6ABF7158809CF4F3C";
  private static final String K192 = K128 + "EF4359D8D580AA4F";
  private static final String K256 = K192 + "7F036D6F04FC6A94";

  /** NIST SP 800-38G FF1 examples (FF1samples.pdf), samples 1 to 9. */
  @ParameterizedTest(name = "NIST FF1 sample {0}")
  @CsvSource({
    "1, " + K128 + ", 10, '', 0123456789, 2433477484",
    "2, " + K128 + ", 10, 39383736353433323130, 0123456789, 6124200773",
    "3, " + K128 + ", 36, 3737373770717273373737, 0123456789abcdefghi, a9tv40mll9kdu509eum",
    "4, " + K192 + ", 10, '', 0123456789, 2830668132",
    "5, " + K192 + ", 10, 39383736353433323130, 0123456789, 2496655549",
    "6, " + K192 + ", 36, 3737373770717273373737, 0123456789abcdefghi, xbj3kv35jrawxv32ysr",
    "7, " + K256 + ", 10, '', 0123456789, 6657667009",
    "8, " + K256 + ", 10, 39383736353433323130, 0123456789, 1001623463",
    "9, " + K256 + ", 36, 3737373770717273373737, 0123456789abcdefghi, xs8a0azh2avyalyzuwd",
  })
  void nistSamples(int sample, String key, int radix, String tweak, String pt, String ct) {
    Alphabet alphabet = radix == 10 ? Alphabet.DIGITS : Alphabet.LOWER_ALPHANUMERIC;
    Ff1Cipher c = Ff1Cipher.withRawAesKey(HEX.parseHex(key), alphabet);
    byte[] t = HEX.parseHex(tweak);
    assertEquals(ct, c.encrypt(pt, t), "sample " + sample);
    assertEquals(pt, c.decrypt(ct, t), "sample " + sample);
  }

  @Test
  void minimumLengthFollowsRev1() {
    assertEquals(6, Alphabet.DIGITS.minLength());
    assertEquals(4, Alphabet.LOWER_ALPHANUMERIC.minLength());
    assertEquals(4, Alphabet.ALPHANUMERIC.minLength());
    assertEquals(20, new Alphabet("01").minLength());
    assertEquals(4, new Alphabet(range(0x4e00, 99)).minLength()); // 99^3 < 10^6
    assertEquals(3, new Alphabet(range(0x4e00, 100)).minLength());

    Ff1Cipher c = Ff1Cipher.create(TestKeys.fpeKey("acct"), Alphabet.DIGITS);
    assertEquals("012345".length(), c.encrypt("012345", new byte[0]).length());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.encrypt("12345", new byte[0]));
    assertTrue(e.getMessage().contains("length 5"), e.getMessage());
    assertTrue(e.getMessage().contains("minimum 6"), e.getMessage());
    assertFalse(e.getMessage().contains("12345"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.decrypt("", new byte[0]));
  }

  @Test
  void rejectsSymbolsOutsideTheAlphabetNamingThePositionNotTheValue() {
    Ff1Cipher c = Ff1Cipher.create(TestKeys.fpeKey("acct"), Alphabet.DIGITS);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.encrypt("1234a67890", new byte[0]));
    assertTrue(e.getMessage().contains("index 4"), e.getMessage());
    assertFalse(e.getMessage().contains("1234a"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.encrypt("１２３４５６７", new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> c.encrypt("\uFFFF23456789", new byte[0]));
  }

  @Test
  void validatesAlphabets() {
    assertThrows(IllegalArgumentException.class, () -> new Alphabet("0"));
    IllegalArgumentException dup =
        assertThrows(IllegalArgumentException.class, () -> new Alphabet("0120"));
    assertTrue(dup.getMessage().contains("index 3"), dup.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Alphabet("ab\uD83D"));
    StringBuilder big = new StringBuilder();
    for (char ch = 0x100; ch < 0x100 + 257; ch++) big.append(ch);
    assertThrows(IllegalArgumentException.class, () -> new Alphabet(big.toString()));
    assertEquals(256, new Alphabet(big.substring(0, 256)).radix());
  }

  @Test
  void roundTripsArbitraryAlphabetsAndLengths() {
    Random rnd = new Random(7);
    for (Alphabet a :
        new Alphabet[] {
          Alphabet.DIGITS, Alphabet.LOWER_ALPHANUMERIC, Alphabet.ALPHANUMERIC, new Alphabet("01"),
          new Alphabet("甲乙丙丁戊己庚辛壬癸"), new Alphabet(range(0x4e00, 256))
        }) {
      Ff1Cipher c = Ff1Cipher.create(TestKeys.fpeKey("col"), a);
      for (int i = 0; i < 200; i++) {
        int len = c.minLength() + rnd.nextInt(30);
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < len; j++) sb.append(a.symbols().charAt(rnd.nextInt(a.radix())));
        byte[] tweak = new byte[rnd.nextInt(20)];
        rnd.nextBytes(tweak);
        String pt = sb.toString();
        String ct = c.encrypt(pt, tweak);
        assertEquals(len, ct.length());
        for (int j = 0; j < len; j++) assertTrue(a.symbols().indexOf(ct.charAt(j)) >= 0);
        assertEquals(pt, c.decrypt(ct, tweak));
      }
    }
  }

  /**
   * The 64-bit path (halves below 2^55 values) against BouncyCastle's own FF1 on its own AES, an
   * implementation independent of ours: lengths on both sides of the bound, tweaks shorter and
   * longer than a block (one or several cached CBC-MAC blocks), each tweak reused (cache hits).
   */
  @Test
  void matchesBouncyCastleOnBothSidesOfTheSmallDomainBound() {
    Random rnd = new Random(11);
    for (Alphabet a :
        new Alphabet[] {
          Alphabet.DIGITS, Alphabet.LOWER_ALPHANUMERIC, Alphabet.ALPHANUMERIC, new Alphabet("01"),
          new Alphabet(range(0x4e00, 256))
        }) {
      byte[] key = new byte[32];
      rnd.nextBytes(key);
      Ff1Cipher c = Ff1Cipher.withRawAesKey(key, a);
      byte[][] tweaks = new byte[6][];
      for (int i = 0; i < tweaks.length; i++) {
        tweaks[i] = new byte[new int[] {0, 1, 9, 15, 16, 41}[i]];
        rnd.nextBytes(tweaks[i]);
      }
      int small = 0;
      int large = 0;
      for (int len = c.minLength(); large < 6; len++) {
        if (SmallDomainFf1.handles(a.radix(), len)) {
          small++;
        } else {
          large++;
        }
        for (int rep = 0; rep < 12; rep++) {
          byte[] pt = new byte[len];
          for (int j = 0; j < len; j++) pt[j] = (byte) rnd.nextInt(a.radix());
          byte[] tweak = tweaks[rep % tweaks.length];
          String text = symbols(a, pt);
          String ct = c.encrypt(text, tweak);
          assertEquals(symbols(a, bouncyCastle(true, key, a.radix(), tweak, pt)), ct, "radix " + a.radix() + ", length " + len);
          assertEquals(text, c.decrypt(ct, tweak));
          byte[] ctNumerals = new byte[len];
          for (int j = 0; j < len; j++) ctNumerals[j] = (byte) a.symbols().indexOf(ct.charAt(j));
          assertEquals(text, symbols(a, bouncyCastle(false, key, a.radix(), tweak, ctNumerals)));
        }
      }
      assertTrue(small > 0, "the 64-bit path exercised for radix " + a.radix());
    }
  }

  private static byte[] bouncyCastle(boolean encrypt, byte[] key, int radix, byte[] tweak, byte[] in) {
    var engine = new org.bouncycastle.crypto.fpe.FPEFF1Engine();
    engine.init(
        encrypt,
        new org.bouncycastle.crypto.params.FPEParameters(
            new org.bouncycastle.crypto.params.KeyParameter(key),
            radix,
            tweak));
    byte[] out = new byte[in.length];
    engine.processBlock(in, 0, in.length, out, 0);
    return out;
  }

  private static String symbols(Alphabet a, byte[] numerals) {
    StringBuilder sb = new StringBuilder();
    for (byte b : numerals) sb.append(a.symbols().charAt(b & 0xff));
    return sb.toString();
  }

  @Test
  void tweakAndKeyChangeTheCiphertext() {
    MasterKey m = MasterKey.generate();
    Ff1Cipher c = Ff1Cipher.create(TestKeys.fpeKey(m, "acct"), Alphabet.DIGITS);
    String pt = "110101199003077777";
    byte[] tweak = {1, 2, 3};
    assertEquals(c.encrypt(pt, tweak), c.encrypt(pt, tweak.clone()));
    assertNotEquals(c.encrypt(pt, tweak), c.encrypt(pt, new byte[] {1, 2, 4}));
    assertNotEquals(c.encrypt(pt, tweak), c.encrypt(pt, new byte[0]));
    Ff1Cipher other = Ff1Cipher.create(TestKeys.fpeKey(MasterKey.generate(), "acct"), Alphabet.DIGITS);
    assertNotEquals(c.encrypt(pt, tweak), other.encrypt(pt, tweak));
  }

  @Test
  void threadSafe() throws Exception {
    Ff1Cipher c = Ff1Cipher.create(TestKeys.fpeKey("acct"), Alphabet.DIGITS);
    String[] pts = new String[500];
    String[] cts = new String[500];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = String.format("%018d", i * 7919L);
      cts[i] = c.encrypt(pts[i], new byte[] {(byte) i});
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < pts.length; i++) {
                    if (!c.encrypt(pts[i], new byte[] {(byte) i}).equals(cts[i])) return false;
                    if (!c.decrypt(cts[i], new byte[] {(byte) i}).equals(pts[i])) return false;
                  }
                  return true;
                }));
      }
      for (var f : futures) assertTrue(f.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void toStringHidesKey() {
    DerivedKey k = TestKeys.fpeKey("acct");
    Ff1Cipher c = Ff1Cipher.create(k, Alphabet.DIGITS);
    assertFalse(c.toString().contains(HEX.formatHex(k.rawKeyMaterial()).substring(0, 8)));
    assertTrue(c.toString().contains("radix=10"));
  }

  private static String range(int start, int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) sb.append((char) (start + i));
    return sb.toString();
  }
}
