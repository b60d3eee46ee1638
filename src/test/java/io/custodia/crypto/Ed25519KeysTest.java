package io.custodia.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures stay interchangeable with the JDK's Ed25519 (which signed every ledger written so far,
 * and is what an auditor's tools implement): the same bytes for the same key and message, each
 * side verifying the other's, and a changed message or signature refused.
 */
class Ed25519KeysTest {
    @TempDir
    Path tmp;

    @Test
    void signaturesAreTheJdksAndVerifyBothWays() throws Exception {
        Path priv = tmp.resolve("signing.key");
        Path pub = tmp.resolve("signing.pub");
        Ed25519Keys.generate(priv, pub);
        Signer signer = Ed25519Keys.signer(priv, pub);
        byte[] message = "{\"seq\":1,\"type\":\"erasure.record\"}".getBytes(StandardCharsets.UTF_8);

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der(priv, "PRIVATE KEY"))));
        jdk.update(message);
        byte[] jdkSig = jdk.sign();
        byte[] sig = signer.sign(message);
        assertThat(sig).isEqualTo(jdkSig);

        Signature check = Signature.getInstance("Ed25519");
        check.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der(pub, "PUBLIC KEY"))));
        check.update(message);
        assertThat(check.verify(sig)).isTrue();

        SignatureVerifier verifier = Ed25519Keys.verifier(pub);
        assertThat(verifier.verify(message, jdkSig)).isTrue();
        byte[] edited = message.clone();
        edited[5] ^= 1;
        assertThat(verifier.verify(edited, sig)).isFalse();
        byte[] forged = sig.clone();
        forged[40] ^= 1;
        assertThat(verifier.verify(message, forged)).isFalse();
        assertThat(verifier.verify(message, new byte[10])).isFalse();
    }

    private static byte[] der(Path pem, String type) throws Exception {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        return Base64.getMimeDecoder().decode(text.substring(text.indexOf("-----BEGIN " + type + "-----") + type.length() + 16,
                text.indexOf("-----END " + type + "-----")));
    }
}
