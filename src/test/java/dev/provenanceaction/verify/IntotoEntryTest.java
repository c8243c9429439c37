package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.testing.OwnSigstore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Statement bundles whose Rekor v1 entry is of kind {@code intoto} 0.0.2. */
class IntotoEntryTest {
  private final OwnSigstore own = new OwnSigstore();

  private static byte[] statement(String subjectByte) {
    return OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, subjectByte.repeat(32));
  }

  @Test
  void intotoEntryVerifies() throws Exception {
    SigstoreBundle bundle = own.signLoggedAsIntoto(statement("ab"));

    VerifiedBundle verified = BundleVerifier.create(own.trustedRoot()).verify(bundle);

    assertEquals("intoto", verified.logEntry().kind());
    assertArrayEquals(bundle.envelope().payload(), verified.statement());
  }

  @Test
  void intotoEntryRoundTripsThroughTheBundleJson() throws Exception {
    SigstoreBundle bundle = own.signLoggedAsIntoto(statement("ab"));

    SigstoreBundle parsed =
        SigstoreBundle.parse(new String(bundle.toJsonLine(), StandardCharsets.UTF_8));

    assertEquals("0.0.2", parsed.logEntry().version());
    BundleVerifier.create(own.trustedRoot()).verify(parsed);
  }

  @Test
  void entryOfAnotherStatementFailsThePayloadHash() {
    SigstoreBundle bundle = own.signLoggedAsIntoto(statement("ab"));
    SigstoreBundle other = own.signLoggedAsIntoto(statement("cd"));

    VerificationException error = assertFails(BundleMutations.withEntry(bundle, other.logEntry()));

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error.getMessage().startsWith("LOG_BODY: expected /spec/content/payloadHash/value "),
        error.getMessage());
  }

  @Test
  void entryOfAnotherSignatureOverTheSameStatementFailsTheSignature() {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope signed = OwnSigstore.envelope(signer, statement("ab"));
    DsseEnvelope signedAgain = OwnSigstore.envelope(signer, statement("ab"));
    LogEntry entry = own.logIntoto(signedAgain, signer.leaf());

    VerificationException error = assertFails(new SigstoreBundle(signer.leaf(), entry, signed));

    Base64.Encoder base64 = Base64.getEncoder();
    String twiceEncoded =
        base64.encodeToString(base64.encodeToString(signed.signature()).getBytes());
    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "LOG_BODY: expected /spec/content/envelope/signatures/0/sig "
                    + twiceEncoded
                    + ", found"),
        error.getMessage());
  }

  @Test
  void entryNamingAnotherCertificateFailsTheLogBody() {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement("ab"));
    LogEntry entry = own.logIntoto(envelope, own.newSigner().leaf());

    VerificationException error = assertFails(new SigstoreBundle(signer.leaf(), entry, envelope));

    assertTrue(
        error
            .getMessage()
            .startsWith(
                "LOG_BODY: expected /spec/content/envelope/signatures/0/publicKey to be the leaf "),
        error.getMessage());
  }

  @Test
  void hashedRekordEntryOfABlobFailsOnTheDigestOfThePae() {
    SigstoreBundle bundle = own.signLoggedAsIntoto(statement("ab"));
    LogEntry blobEntry = own.signBlob(new byte[] {1}).logEntry();

    VerificationException error = assertFails(BundleMutations.withEntry(bundle, blobEntry));

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error.getMessage().startsWith("LOG_BODY: expected /spec/data/hash/value "),
        error.getMessage());
  }

  private VerificationException assertFails(SigstoreBundle bundle) {
    return assertThrows(
        VerificationException.class, () -> BundleVerifier.create(own.trustedRoot()).verify(bundle));
  }
}
