package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RealConformanceBundles.blobError;
import static dev.provenanceaction.verify.RealConformanceBundles.error;
import static dev.provenanceaction.verify.RealConformanceBundles.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.junit.jupiter.api.Test;

/**
 * sigstore-python's regression files for a leaf whose key is RSASSA-PSS only (SPKI algorithm
 * 1.2.840.113549.1.1.10), with PKCS#1 v1.5 signatures that such a key does not allow: a synthetic
 * root, CA, SCT, SET and checkpoint, all genuinely signed. Both bundles must fail at their
 * signature, after the chain and the SCT (checked first) pass.
 */
class RealRsaPssLeafTest {
  private static final TrustedRoot ROOT = root(RealFiles.RSA_PSS_ROOT);
  private static final String DSSE = Fixtures.text(RealFiles.RSA_PSS_DSSE_BUNDLE);
  private static final String BLOB = Fixtures.text(RealFiles.RSA_PSS_BLOB_BUNDLE);

  @Test
  void dsseBundleFailsTheDsseSignature() {
    assertEquals(
        "DSSE_SIGNATURE: expected a signature by the leaf's key over the envelope's PAE, found"
            + " one that does not verify",
        error(ROOT, DSSE).getMessage());
  }

  @Test
  void blobBundleFailsTheMessageSignature() {
    assertEquals(
        "MESSAGE_SIGNATURE: expected an ECDSA signature by the leaf's key over the message digest,"
            + " found one that does not verify with its RSASSA-PSS key",
        blobError(ROOT, BLOB).getMessage());
  }

  @Test
  void theRefusedSignaturesAreValidPkcs1UnderTheSameModulus() throws Exception {
    // So the refusal is the key's PSS-only profile, not a damaged copy.
    SigstoreBundle dsse = SigstoreBundle.parse(DSSE);
    MessageSignatureBundle blob = MessageSignatureBundle.parse(JsonValue.parse(BLOB));
    assertEquals("RSASSA-PSS", dsse.certificate().getPublicKey().getAlgorithm());

    assertTrue(
        pkcs1Verifies(
            dsse.certificate().getPublicKey(), dsse.envelope().pae(), dsse.envelope().signature()));
    assertTrue(
        pkcs1Verifies(
            blob.certificate().getPublicKey(),
            Fixtures.bytes("real/rsa-pss-spki/artifact.txt"),
            blob.messageSignature().signature()));
  }

  private static boolean pkcs1Verifies(PublicKey pss, byte[] data, byte[] signature)
      throws Exception {
    RSAPublicKey rsa = (RSAPublicKey) pss;
    PublicKey plain =
        KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(plain);
    verifier.update(data);
    return verifier.verify(signature);
  }
}
