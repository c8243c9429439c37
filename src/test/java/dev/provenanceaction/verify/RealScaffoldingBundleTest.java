package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.RealConformanceBundles.blobError;
import static dev.provenanceaction.verify.RealConformanceBundles.root;
import static dev.provenanceaction.verify.RealConformanceBundles.verifyBlob;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * sigstore-go's bundle of a private sigstore-scaffolding deployment (2024-07-12): a leaf that an
 * RSA 4096 certificate authority signed with PKCS#1 v1.5, for a Fulcio username identity (an
 * otherName SAN), and a Rekor v1 {@code hashedrekord} entry whose checkpoint names the log by its
 * pod, not its URL's host. It must verify as a user's bundle does; each change must fail its check.
 */
class RealScaffoldingBundleTest {
  private static final TrustedRoot ROOT = root(RealFiles.SCAFFOLDING_ROOT);
  private static final String BUNDLE = Fixtures.text(RealFiles.SCAFFOLDING_OTHERNAME_BUNDLE);
  private static final String ENTRY = "/verificationMaterial/tlogEntries/0";

  @Test
  void verifiesWithTheUsernameIdentity() throws Exception {
    VerifiedBlob verified = verifyBlob(ROOT, BUNDLE);

    assertEquals(Instant.parse("2024-07-12T19:06:29Z"), verified.integratedTime());
    CertificateIdentity identity = CertificateIdentity.of(verified.certificate());
    assertEquals("foo!oidc.local", identity.subjectAlternativeName());
    assertEquals(Optional.of("http://oidc.local:8080"), identity.issuer());
    IdentityPolicy.issuedBy("http://oidc.local:8080")
        .withSubjectAlternativeName("foo!oidc.local")
        .check(identity);
  }

  @Test
  void leafIsSignedByTheRsaAuthorityWithPkcs1() throws Exception {
    X509Certificate leaf = verifyBlob(ROOT, BUNDLE).certificate();
    X509Certificate authority = ROOT.certificateAuthorities().get(0).certChain().get(0);

    assertEquals("SHA256withRSA", leaf.getSigAlgName());
    assertEquals(4096, ((RSAPublicKey) authority.getPublicKey()).getModulus().bitLength());
  }

  @Test
  void flippedSignatureFailsTheMessageSignature() {
    String flipped =
        BundleJsonMutations.mutate(
            BUNDLE, json -> BundleJsonMutations.flipBase64(json, "/messageSignature", "signature"));

    assertEquals(Check.MESSAGE_SIGNATURE, blobError(ROOT, flipped).check());
  }

  @Test
  void flippedSignedEntryTimestampFailsTheSet() {
    String flipped =
        BundleJsonMutations.mutate(
            BUNDLE,
            json ->
                BundleJsonMutations.flipBase64(
                    json, ENTRY + "/inclusionPromise", "signedEntryTimestamp"));

    assertEquals(Check.SET, blobError(ROOT, flipped).check());
  }

  @Test
  void flippedCheckpointSignatureFailsTheCheckpoint() {
    String flipped =
        BundleJsonMutations.mutate(BUNDLE, BundleJsonMutations::flipCheckpointSignature);

    assertEquals(Check.CHECKPOINT, blobError(ROOT, flipped).check());
  }

  @Test
  void changedCheckpointOriginFailsTheCheckpoint() {
    // The origin is not the URL's host, but it is signed.
    String changed =
        BundleJsonMutations.mutate(
            BUNDLE,
            json ->
                BundleJsonMutations.replaceInCheckpoint(
                    json, "jds5x - 6364419738405537866\n", "jds5y - 6364419738405537866\n"));

    assertEquals(Check.CHECKPOINT, blobError(ROOT, changed).check());
  }

  @Test
  void flippedProofHashFailsTheInclusionProof() {
    String flipped =
        BundleJsonMutations.mutate(
            BUNDLE, json -> BundleJsonMutations.flipProofHash(json, ENTRY + "/inclusionProof", 1));

    assertEquals(Check.INCLUSION_PROOF, blobError(ROOT, flipped).check());
  }

  @Test
  void flippedCertificateFailsTheChain() {
    String flipped =
        BundleJsonMutations.mutate(
            BUNDLE,
            json ->
                BundleJsonMutations.flipBase64(
                    json, "/verificationMaterial/certificate", "rawBytes"));

    assertEquals(Check.CERTIFICATE_CHAIN, blobError(ROOT, flipped).check());
  }
}
