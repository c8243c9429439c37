package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.BundleFormatException;
import dev.provenanceaction.sigstore.bundle.MessageSignature;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.testing.OwnSigstore;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Blob bundles ({@code messageSignature} with a {@code hashedrekord} entry), as verify-bundle's
 * policy takes them. (The command's own tests of them are in {@code cli/BlobBundleCommandTest}.)
 */
class BlobBundleTest {
  private static final byte[] BLOB = "a release tarball\n".getBytes(StandardCharsets.UTF_8);
  private static final String BLOB_SHA256 = HexFormat.of().formatHex(Digests.sha256(BLOB));
  private static final Artifact BLOB_ARTIFACT = new Artifact("release.tar.gz", BLOB_SHA256);

  private final OwnSigstore own = new OwnSigstore();

  @Test
  void blobBundleRoundTripsThroughItsJson() throws Exception {
    MessageSignatureBundle bundle = own.signBlob(BLOB);

    MessageSignatureBundle parsed =
        MessageSignatureBundle.parse(JsonValue.parse(OwnSigstore.toJson(bundle)));

    assertEquals(bundle.certificate(), parsed.certificate());
    assertArrayEquals(bundle.logEntry().canonicalizedBody(), parsed.logEntry().canonicalizedBody());
    assertEquals("hashedrekord", parsed.logEntry().kind());
    assertArrayEquals(Digests.sha256(BLOB), parsed.messageSignature().digest());
  }

  @Test
  void eachParserNamesTheOtherKindOfBundle() throws Exception {
    String blob = OwnSigstore.toJson(own.signBlob(BLOB));
    String statement =
        new String(
            own.sign(OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, BLOB_SHA256))
                .toJsonLine(),
            StandardCharsets.UTF_8);

    BundleFormatException notStatement =
        assertThrows(BundleFormatException.class, () -> SigstoreBundle.parse(blob));
    BundleFormatException notBlob =
        assertThrows(
            BundleFormatException.class,
            () -> MessageSignatureBundle.parse(JsonValue.parse(statement)));

    assertTrue(notStatement.getMessage().contains("signs a blob (messageSignature)"));
    assertTrue(
        notBlob.getMessage().contains("messageSignature is missing: the bundle signs a statement"),
        notBlob.getMessage());
  }

  @Test
  void theBlobBundleIsReadWithTheWholeFileOnce() {
    String bundle = OwnSigstore.toJson(own.signBlob(BLOB));
    VerificationPolicy policy = blobPolicy(OwnSigstore.SAN);

    PolicyException trailing =
        assertThrows(
            PolicyException.class,
            () -> ProvenanceFile.parse(bundle + "\n{\"mediaType\":", policy, false));
    PolicyException twice =
        assertThrows(
            PolicyException.class,
            () -> ProvenanceFile.parse(bundle + "\n" + bundle, policy, false));

    // The file is read once, all of it: what follows the bundle is not skipped.
    assertTrue(
        trailing.getMessage().contains("PROVENANCE_FORMAT: expected Sigstore bundles in JSON"));
    assertTrue(
        twice
            .getMessage()
            .contains(
                "PROVENANCE_FORMAT: expected a bundle that signs a blob alone in its file, as on"
                    + " line 1, found 2 JSON documents"),
        twice.getMessage());
  }

  @Test
  void verifyArtifactRefusesABlobBundle() {
    String bundle = OwnSigstore.toJson(own.signBlob(BLOB));
    VerificationPolicy provenance =
        VerificationPolicy.provenance(
            List.of(BLOB_ARTIFACT),
            IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
                .withSourceRepositoryUri("https://" + OwnSigstore.SOURCE_URI));

    PolicyException e =
        assertThrows(PolicyException.class, () -> ProvenanceFile.parse(bundle, provenance, false));

    assertTrue(
        e.getMessage()
            .contains(
                "PROVENANCE_FORMAT: expected a Sigstore bundle with a DSSE envelope on line 1"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("signs a blob (messageSignature), not a statement"),
        e.getMessage());
  }

  @Test
  void anotherFileFailsNamingBothDigests() {
    Artifact other = new Artifact("other.tar.gz", "ab".repeat(32));

    Failure failure =
        ProvenanceVerification.failure(
            OwnSigstore.toJson(own.signBlob(BLOB)),
            own.trustedRoot(),
            VerificationPolicy.anyStatementOrBlob(List.of(other), identity(OwnSigstore.SAN)));

    assertTrue(
        failure
            .message()
            .contains(
                "SUBJECT_DIGEST: expected a signature over "
                    + other.name()
                    + "'s digest sha256:"
                    + other.sha256()
                    + ", found one over sha256:"
                    + BLOB_SHA256),
        failure.message());
  }

  @Test
  void anotherIdentityFails() {
    String other = OwnSigstore.SAN.replace("v1.0.0", "v2.0.0");

    Failure failure =
        ProvenanceVerification.failure(
            OwnSigstore.toJson(own.signBlob(BLOB)), own.trustedRoot(), blobPolicy(other));

    assertTrue(
        failure
            .message()
            .contains("CERTIFICATE_IDENTITY: expected " + other + ", found " + OwnSigstore.SAN),
        failure.message());
  }

  @Test
  void flippedSignatureFailsTheMessageSignature() {
    MessageSignatureBundle bundle = own.signBlob(BLOB);
    MessageSignatureBundle changed =
        withSignature(
            bundle,
            bundle.messageSignature().digest(),
            BundleMutations.flipLast(bundle.messageSignature().signature()));

    VerificationException error = assertFails(changed);

    assertEquals(Check.MESSAGE_SIGNATURE, error.check());
    assertEquals(
        "MESSAGE_SIGNATURE: expected an ECDSA signature by the leaf's key over the message digest,"
            + " found one that does not verify with its EC key",
        error.getMessage());
  }

  @Test
  void digestOfAnotherBlobFailsTheMessageSignature() {
    MessageSignatureBundle bundle = own.signBlob(BLOB);
    MessageSignatureBundle changed =
        withSignature(
            bundle, Digests.sha256(new byte[] {1}), bundle.messageSignature().signature());

    assertEquals(Check.MESSAGE_SIGNATURE, assertFails(changed).check());
  }

  @Test
  void entryOfAnotherBlobFailsTheLogBody() {
    MessageSignatureBundle bundle = own.signBlob(BLOB);
    MessageSignatureBundle other = own.signBlob(new byte[] {1, 2, 3});

    VerificationException error =
        assertFails(
            new MessageSignatureBundle(
                bundle.certificate(), other.logEntry(), bundle.messageSignature()));

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error
            .getMessage()
            .startsWith("LOG_BODY: expected /spec/data/hash/value " + BLOB_SHA256 + ", found"),
        error.getMessage());
  }

  @Test
  void bodyNamingAnotherCertificateFailsTheLogBody() {
    OwnSigstore.Signer signer = own.newSigner();
    MessageSignatureBundle bundle = own.signBlob(signer, BLOB, own.newSigner().leaf());

    VerificationException error = assertFails(bundle);

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error
            .getMessage()
            .startsWith(
                "LOG_BODY: expected /spec/signature/publicKey/content to be the leaf "
                    + signer.leaf().getSerialNumber().toString(16)),
        error.getMessage());
  }

  @Test
  void statementEntryFailsTheLogBodyByKind() {
    MessageSignatureBundle bundle = own.signBlob(BLOB);
    SigstoreBundle statement =
        own.sign(OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, BLOB_SHA256));

    VerificationException error =
        assertFails(
            new MessageSignatureBundle(
                bundle.certificate(), statement.logEntry(), bundle.messageSignature()));

    assertEquals(
        "LOG_BODY: expected kind hashedrekord 0.0.1, found dsse 0.0.1", error.getMessage());
  }

  @Test
  void onlyABundleV01MayRestOnItsInclusionPromise() throws Exception {
    MessageSignatureBundle signed = own.signBlob(BLOB);
    LogEntry promiseOnly = BundleMutations.withProof(signed.logEntry(), null);

    MessageSignatureBundle v01 =
        new MessageSignatureBundle(
            signed.certificate(),
            promiseOnly,
            signed.messageSignature(),
            SigstoreBundle.MEDIA_TYPE_V01);
    BundleVerifier.create(own.trustedRoot()).verify(v01);

    VerificationException error =
        assertFails(
            new MessageSignatureBundle(
                signed.certificate(), promiseOnly, signed.messageSignature()));
    assertEquals(Check.INCLUSION_PROOF, error.check());
    assertEquals("INCLUSION_PROOF: expected an inclusion proof, found none", error.getMessage());
    assertEquals(
        Check.SET,
        assertFails(
                new MessageSignatureBundle(
                    signed.certificate(),
                    BundleMutations.withProof(
                        BundleMutations.flipSignedEntryTimestamp(
                                new SigstoreBundle(
                                    signed.certificate(),
                                    signed.logEntry(),
                                    new DsseEnvelope(new byte[0], "", new byte[0])))
                            .logEntry(),
                        null),
                    signed.messageSignature(),
                    SigstoreBundle.MEDIA_TYPE_V01))
            .check());
  }

  /** The bundle with this digest and signature in its message signature. */
  private static MessageSignatureBundle withSignature(
      MessageSignatureBundle bundle, byte[] digest, byte[] signature) {
    return new MessageSignatureBundle(
        bundle.certificate(),
        bundle.logEntry(),
        new MessageSignature(bundle.messageSignature().digestAlgorithm(), digest, signature));
  }

  private VerificationException assertFails(MessageSignatureBundle bundle) {
    return assertThrows(
        VerificationException.class, () -> BundleVerifier.create(own.trustedRoot()).verify(bundle));
  }

  /** What verify-bundle asks of the blob's bundle: a signature over it by this identity. */
  private static VerificationPolicy blobPolicy(String san) {
    return VerificationPolicy.anyStatementOrBlob(List.of(BLOB_ARTIFACT), identity(san));
  }

  private static IdentityPolicy identity(String san) {
    return IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
        .withSubjectAlternativeName(san);
  }
}
