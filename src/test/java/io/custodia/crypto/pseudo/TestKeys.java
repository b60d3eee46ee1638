package io.custodia.crypto.pseudo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Fixed keys for tests, so golden values stay comparable across runs. */
final class TestKeys {
  private TestKeys() {}

  /** Master key 00 01 02 ... 1f. */
  static MasterKey fixedMaster() {
    try {
      Path f = Files.createTempFile("custodia-test-master", ".key");
      try {
        byte[] b = new byte[32];
        for (int i = 0; i < 32; i++) b[i] = (byte) i;
        Files.writeString(f, HexFormat.of().formatHex(b));
        return MasterKey.readFile(f);
      } finally {
        Files.deleteIfExists(f);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static DerivedKey key(MasterKey master, KeyPurpose purpose, String column) {
    return new KeyDerivation(master)
        .derive(new DerivedKeyId(purpose, "partner-acme", "fraud-analytics", column, 1));
  }

  static DerivedKey fpeKey(String column) {
    return key(fixedMaster(), KeyPurpose.FPE, column);
  }

  static DerivedKey fpeKey(MasterKey master, String column) {
    return key(master, KeyPurpose.FPE, column);
  }
}
