package io.custodia.crypto.age;

import static io.custodia.crypto.age.AgeTestSupport.CHUNK;
import static io.custodia.crypto.age.AgeTestSupport.randomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Interoperability with the reference implementation: the {@code age} command (Debian "age"). */
class AgeInteropTest {

  private static Path age;
  private static Path ageKeygen;

  @TempDir Path dir;

  @BeforeAll
  static void findBinaries() {
    age = onPath("age").orElse(null);
    ageKeygen = onPath("age-keygen").orElse(null);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static void assumeAge() {
    Assumptions.assumeTrue(age != null && ageKeygen != null,
        "the age and age-keygen binaries are not installed (apt-get install age); "
            + "interoperability with the reference implementation is NOT tested");
  }

  /** Runs a command, fails with its stderr unless it exits 0, returns its stdout. */
  private String run(String... command) throws IOException, InterruptedException {
    return new String(runBytes(command), StandardCharsets.UTF_8);
  }

  private byte[] runBytes(String... command) throws IOException, InterruptedException {
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectError(err.toFile())
        .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + List.of(command));
    assertEquals(0, p.exitValue(),
        List.of(command) + " failed: " + Files.readString(err, StandardCharsets.UTF_8));
    return out;
  }

  private Path write(String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }

  private static void encryptFile(Path plain, Path out, List<AgeRecipient> to)
      throws IOException {
    try (InputStream in = Files.newInputStream(plain);
         OutputStream enc = AgeEncryptor.encryptingStream(Files.newOutputStream(out), to)) {
      in.transferTo(enc);
    }
  }

  private static byte[] decryptFile(Path file, List<AgeIdentity> ids) throws IOException {
    try (InputStream in = AgeDecryptor.decryptingStream(Files.newInputStream(file), ids)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 1_000_003})
  void ageDecryptsWhatWeEncryptWithOurIdentityFile(int size) throws Exception {
    assumeAge();
    AgeIdentity id = AgeIdentity.generate();
    Path key = dir.resolve("key.txt");
    id.writeFile(key);
    byte[] plain = randomBytes(size, size);
    Path ct = dir.resolve("ours.age");
    encryptFile(write("plain", plain), ct, List.of(AgeIdentity.generate().recipient(),
        id.recipient()));
    assertArrayEquals(plain, runBytes(age.toString(), "-d", "-i", key.toString(), ct.toString()));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 1_000_003})
  void weDecryptWhatAgeEncrypts(int size) throws Exception {
    assumeAge();
    AgeIdentity a = AgeIdentity.generate();
    AgeIdentity b = AgeIdentity.generate();
    byte[] plain = randomBytes(size, size + 1);
    Path ct = dir.resolve("theirs.age");
    run(age.toString(), "-r", a.recipient().toString(), "-r", b.recipient().toString(),
        "-o", ct.toString(), write("plain", plain).toString());
    assertArrayEquals(plain, decryptFile(ct, List.of(a)));
    assertArrayEquals(plain, decryptFile(ct, List.of(b)));
  }

  @Test
  void weReadAnIdentityMadeByAgeKeygen() throws Exception {
    assumeAge();
    Path key = dir.resolve("keygen.txt");
    run(ageKeygen.toString(), "-o", key.toString());
    AgeIdentity id = AgeIdentity.readFile(key);
    String publicLine = Files.readAllLines(key).stream()
        .filter(l -> l.startsWith("# public key: ")).findFirst().orElseThrow();
    assertEquals(publicLine.substring("# public key: ".length()), id.recipient().toString());
    assertEquals(run(ageKeygen.toString(), "-y", key.toString()).strip(),
        id.recipient().toString());

    // and files age encrypts to it open with it
    byte[] plain = randomBytes(5000, 7);
    Path ct = dir.resolve("k.age");
    run(age.toString(), "-r", id.recipient().toString(), "-o", ct.toString(),
        write("p", plain).toString());
    assertArrayEquals(plain, decryptFile(ct, List.of(id)));
  }

  @Test
  void ageKeygenDerivesTheSameRecipientFromOurIdentityFile() throws Exception {
    assumeAge();
    AgeIdentity id = AgeIdentity.generate();
    Path key = dir.resolve("ours.txt");
    id.writeFile(key);
    assertEquals(id.recipient().toString(), run(ageKeygen.toString(), "-y", key.toString())
        .strip());
  }

  @Test
  void ageAcceptsOurBodyWrappingAndSkipsUnknownStanzas() throws Exception {
    assumeAge();
    AgeIdentity id = AgeIdentity.generate();
    Path key = dir.resolve("key.txt");
    id.writeFile(key);
    byte[] fileKey = randomBytes(16, 8);
    byte[] plain = randomBytes(CHUNK + 5, 9);
    List<Stanza> stanzas = new ArrayList<>();
    for (int len : new int[] {0, 1, 47, 48, 49, 96, 100}) {
      stanzas.add(new Stanza("grease-" + len, List.of("x", "y+/="), randomBytes(len, len)));
    }
    stanzas.add(id.recipient().wrap(fileKey, Primitives.random()));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    AgeHeader.seal(stanzas, fileKey).writeTo(file);
    byte[] nonce = randomBytes(16, 10);
    file.write(nonce);
    try (OutputStream enc = new Stream.EncryptingOutputStream(file,
        Stream.payloadKey(fileKey, nonce))) {
      enc.write(plain);
    }
    Path ct = write("grease.age", file.toByteArray());
    assertArrayEquals(plain, runBytes(age.toString(), "-d", "-i", key.toString(), ct.toString()));
    assertArrayEquals(plain, decryptFile(ct, List.of(id)));
  }

  @Test
  void ageDecryptsAFileItMadeAfterWeRewrapIt() throws Exception {
    assumeAge();
    AgeIdentity old = AgeIdentity.generate();
    AgeIdentity fresh = AgeIdentity.generate();
    Path oldKey = dir.resolve("old.txt");
    Path freshKey = dir.resolve("fresh.txt");
    old.writeFile(oldKey);
    fresh.writeFile(freshKey);
    byte[] plain = randomBytes(2 * CHUNK + 77, 11);
    Path ct = dir.resolve("a.age");
    run(age.toString(), "-r", old.recipient().toString(), "-o", ct.toString(),
        write("p", plain).toString());
    Path rewrapped = dir.resolve("b.age");
    try (InputStream in = Files.newInputStream(ct);
         OutputStream out = Files.newOutputStream(rewrapped)) {
      AgeRewrap.rewrap(in, out, old, List.of(fresh.recipient()));
    }
    assertArrayEquals(plain, runBytes(age.toString(), "-d", "-i", freshKey.toString(),
        rewrapped.toString()));

    Process p = new ProcessBuilder(age.toString(), "-d", "-i", oldKey.toString(),
        rewrapped.toString()).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertNotEquals(0, p.exitValue(), "the old identity still opens the rewrapped file");
  }

  @Test
  void ageRejectsOurFileWhenItIsTruncated() throws Exception {
    // a sanity check that the reference implementation agrees with our notion of "complete"
    assumeAge();
    AgeIdentity id = AgeIdentity.generate();
    Path key = dir.resolve("key.txt");
    id.writeFile(key);
    byte[] full = AgeTestSupport.encrypt(randomBytes(2 * CHUNK, 12), id);
    Path cut = write("cut.age", Arrays.copyOf(full, full.length - CHUNK - 16));
    Process p = new ProcessBuilder(age.toString(), "-d", "-i", key.toString(), cut.toString())
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertNotEquals(0, p.exitValue());
  }
}
