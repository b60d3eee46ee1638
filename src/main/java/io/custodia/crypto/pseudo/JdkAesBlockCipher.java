package io.custodia.crypto.pseudo;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.CipherParameters;

/**
 * The JDK's AES (hardware-accelerated where the CPU has AES instructions) behind BouncyCastle's
 * {@link BlockCipher} interface, so BC's FF1 engine can run on it: about 1.5 to 2 times BC's own
 * AES for FF1, and no AES key schedule per call.
 *
 * <p>Keyed once at construction, forward direction only (FF1 uses AES only forwards, for
 * decryption too); {@link #init} is therefore a no-op apart from checking the direction. Not
 * thread-safe: {@link Ff1Cipher} keeps one per thread.
 */
final class JdkAesBlockCipher implements BlockCipher {

  private final Cipher ecb;

  JdkAesBlockCipher(byte[] key) {
    try {
      ecb = Cipher.getInstance("AES/ECB/NoPadding");
      ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  @Override
  public void init(boolean forEncryption, CipherParameters params) {
    if (!forEncryption) {
      throw new IllegalStateException("pre-keyed AES is forward-only, as FF1 needs");
    }
  }

  @Override
  public String getAlgorithmName() {
    return "AES";
  }

  @Override
  public int getBlockSize() {
    return 16;
  }

  @Override
  public int processBlock(byte[] in, int inOff, byte[] out, int outOff) {
    try {
      return ecb.update(in, inOff, 16, out, outOff);
    } catch (ShortBufferException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void reset() {}
}
