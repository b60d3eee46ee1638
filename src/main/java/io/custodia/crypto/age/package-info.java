/**
 * The age v1 file format (C2SP age specification, {@code age-encryption.org/v1}) with X25519
 * recipients, interoperable with the {@code age} and {@code rage} tools.
 *
 * <ul>
 *   <li>{@link io.custodia.crypto.age.AgeIdentity} and
 *       {@link io.custodia.crypto.age.AgeRecipient}: keys, in age's text and file formats.
 *   <li>{@link io.custodia.crypto.age.AgeEncryptor} and
 *       {@link io.custodia.crypto.age.AgeDecryptor}: streaming encryption and authenticated
 *       decryption in bounded memory.
 *   <li>{@link io.custodia.crypto.age.AgeHeader}: the header's extent, for cryptographic erase.
 *   <li>{@link io.custodia.crypto.age.AgeRewrap}: re-addressing a file to new recipients.
 * </ul>
 *
 * <p>Callers never pick algorithms, keys or nonces. Secret keys are never logged or put in
 * messages; the one way to read a secret key out is
 * {@link io.custodia.crypto.age.AgeIdentity#revealSecretKeyUnsafe()}. Failures are
 * {@link io.custodia.crypto.age.AgeException}s with a {@link
 * io.custodia.crypto.age.AgeException.Reason}.
 *
 * <p>Not supported: ASCII armor, passphrase (scrypt) recipients, SSH recipients and plugins.
 */
package io.custodia.crypto.age;
