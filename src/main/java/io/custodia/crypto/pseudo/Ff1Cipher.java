package io.custodia.crypto.pseudo;

import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.util.RadixConverter;

/**
 * {@link FormatPreservingCipher} by FF1 (NIST SP 800-38G Rev. 1) with AES-256 over an {@link
 * Alphabet}: the ciphertext has the plaintext's length and uses only the alphabet's symbols.
 *
 * <p><b>Input.</b> A string of at least {@link #minLength()} symbols of the alphabet, where {@code
 * minLength} is the least length with {@code radix^length >= 1,000,000} (6 for digits), as SP
 * 800-38G Rev. 1 requires; shorter inputs are rejected, with a message naming the length. The
 * tweak may have any length, including zero.
 *
 * <p><b>Cost.</b> Ten Feistel rounds. Up to 32 digits (see below) each round is one AES block and
 * some 64-bit arithmetic: about a million encryptions of an 8-digit string per second on one core
 * ({@code bench/ShareBench.java transforms}); longer inputs take a few AES blocks and big-integer
 * arithmetic per round, roughly 100,000 to 200,000 encryptions per second.
 *
 * <p><b>Implementation.</b> Inputs whose halves have fewer than 2<sup>55</sup> values (up to 32
 * digits) go through {@link SmallDomainFf1}, FF1 in 64-bit arithmetic, several times faster;
 * longer ones through BouncyCastle's {@link FPEFF1Engine} (the JDK has no FF1), which gives the
 * same results (tested). Both run on the JDK's AES (AES-NI where present) keyed once per thread,
 * which is faster than BC's AES re-keyed on every call. Thread-safe: the engines are stateful, so
 * each thread has its own; the key and radix objects they share are immutable.
 */
public final class Ff1Cipher implements FormatPreservingCipher {

  private final DerivedKeyId keyId;
  /** Only for BC's FPEParameters; the engines' AES is keyed once, per thread. */
  private final KeyParameter aesKey;
  private final ThreadLocal<FPEFF1Engine> engines;
  private final ThreadLocal<SmallDomainFf1> smallEngines;
  private final Alphabet alphabet;
  private final RadixConverter radix;
  private final int[] numerals;
  private final int minLength;

  private Ff1Cipher(DerivedKeyId keyId, byte[] aesKey, Alphabet alphabet) {
    this.keyId = keyId;
    this.aesKey = new KeyParameter(aesKey);
    this.engines =
        ThreadLocal.withInitial(() -> new FPEFF1Engine(new JdkAesBlockCipher(this.aesKey.getKey())));
    this.smallEngines =
        ThreadLocal.withInitial(() -> new SmallDomainFf1(this.aesKey.getKey(), alphabet.radix()));
    this.alphabet = Objects.requireNonNull(alphabet, "alphabet");
    this.radix = new RadixConverter(alphabet.radix());
    this.numerals = alphabet.numeralTable();
    this.minLength = alphabet.minLength();
  }

  /**
   * An FF1-AES-256 cipher under {@code key} over {@code alphabet}.
   *
   * @throws IllegalArgumentException if {@code key} was not derived for {@link KeyPurpose#FPE}
   */
  public static Ff1Cipher create(DerivedKey key, Alphabet alphabet) {
    Objects.requireNonNull(key, "key");
    byte[] bytes = key.bytesFor(KeyPurpose.FPE, "Ff1Cipher");
    try {
      return new Ff1Cipher(key.id(), bytes, alphabet);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * An FF1 cipher under a raw AES key of 16, 24 or 32 bytes. Package-private: production keys come
   * from {@link #create}; this exists so NIST's AES-128/192/256 samples run through the same code.
   */
  static Ff1Cipher withRawAesKey(byte[] aesKey, Alphabet alphabet) {
    if (aesKey.length != 16 && aesKey.length != 24 && aesKey.length != 32) {
      throw new IllegalArgumentException("AES keys are 16, 24 or 32 bytes, got " + aesKey.length);
    }
    return new Ff1Cipher(null, aesKey, alphabet);
  }

  @Override
  public String encrypt(String plaintext, byte[] tweak) {
    return process(true, plaintext, tweak, "plaintext");
  }

  @Override
  public String decrypt(String ciphertext, byte[] tweak) {
    return process(false, ciphertext, tweak, "ciphertext");
  }

  /** The symbols of plaintexts and ciphertexts. */
  public Alphabet alphabet() {
    return alphabet;
  }

  /** The shortest accepted input; see {@link Alphabet#minLength()}. */
  public int minLength() {
    return minLength;
  }

  @Override
  public String formatProblem(String text) {
    return problem(Objects.requireNonNull(text, "text"), "plaintext");
  }

  /** Why {@code text} cannot be processed, or null; the one check of both directions. */
  private String problem(String text, String what) {
    int n = text.length();
    if (n < minLength) {
      return "FF1 "
          + what
          + " has length "
          + n
          + ", below the minimum "
          + minLength
          + " for radix "
          + alphabet.radix()
          + " (NIST SP 800-38G Rev. 1 requires radix^length >= 1,000,000)";
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= numerals.length || numerals[c] < 0) {
        return "FF1 "
            + what
            + " of length "
            + n
            + " has a character outside the radix-"
            + alphabet.radix()
            + " alphabet at index "
            + i;
      }
    }
    return null;
  }

  private String process(boolean encrypt, String text, byte[] tweak, String what) {
    Objects.requireNonNull(text, what);
    Objects.requireNonNull(tweak, "tweak");
    String problem = problem(text, what);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    int n = text.length();
    byte[] in = new byte[n];
    for (int i = 0; i < n; i++) {
      in[i] = (byte) numerals[text.charAt(i)];
    }
    byte[] out = new byte[n];
    if (SmallDomainFf1.handles(alphabet.radix(), n)) {
      smallEngines.get().process(encrypt, in, out, n, tweak);
    } else {
      FPEFF1Engine engine = engines.get();
      engine.init(encrypt, new FPEParameters(aesKey, radix, tweak, false));
      engine.processBlock(in, 0, n, out, 0);
    }
    char[] chars = new char[n];
    String symbols = alphabet.symbols();
    for (int i = 0; i < n; i++) {
      chars[i] = symbols.charAt(out[i] & 0xff);
    }
    return new String(chars);
  }

  /** The id of the key in use (never the key); null only for test-vector instances. */
  public DerivedKeyId keyId() {
    return keyId;
  }

  @Override
  public String toString() {
    return "Ff1Cipher[radix=" + alphabet.radix() + ", key=" + keyId + "]";
  }
}
