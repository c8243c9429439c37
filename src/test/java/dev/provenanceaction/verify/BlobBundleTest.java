package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.bundle.BundleFormatException;
import dev.provenanceaction.sigstore.bundle.MessageSignature;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.testing.CommandRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blob bundles ({@code messageSignature} with a {@code hashedrekord} entry) for verify-bundle. */
class BlobBundleTest {
  private static final byte[] BLOB = "a release tarball\n".getBytes(StandardCharsets.UTF_8);
  private static final String BLOB_SHA256 = HexFormat.of().formatHex(Digests.sha256(BLOB));

  @TempDir Path temp;

  private final OwnSigstore own = new OwnSigstore();

  @Test
  void blobBundleRoundTripsThroughItsJson() throws Exception {
    MessageSignatureBundle bundle = own.signBlob(BLOB);

    MessageSignatureBundle parsed = MessageSignatureBundle.parse(OwnSigstore.toJson(bundle));

    assertEquals(bundle.certificate(), parsed.certificate());
    assertArrayEquals(bundle.logEntry().canonicalizedBody(), parsed.logEntry().canonicalizedBody());
    assertEquals("hashedrekord", parsed.logEntry().kind());
    assertArrayEquals(Digests.sha256(BLOB), parsed.messageSignature().digest());
  }

  @Test
  void eachParserNamesTheOtherKindOfBundle() throws Exception {
    String blob = OwnSigstore.toJson(own.signBlob(BLOB));
    String statement =
        own.sign(OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, BLOB_SHA256)).toJsonLine();

    BundleFormatException notStatement =
        assertThrows(BundleFormatException.class, () -> SigstoreBundle.parse(blob));
    BundleFormatException notBlob =
        assertThrows(BundleFormatException.class, () -> MessageSignatureBundle.parse(statement));

    assertTrue(notStatement.getMessage().contains("signs a blob (messageSignature)"));
    assertTrue(
        notBlob.getMessage().contains("messageSignature is missing: the bundle signs a statement"),
        notBlob.getMessage());
  }

  @Test
  void verifyBundleAcceptsTheSignedFile() throws IOException {
    CommandRun run = verifyBundle(OwnSigstore.toJson(own.signBlob(BLOB)), OwnSigstore.SAN, blob());

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("PASSED: " + blob() + " (sha256:" + BLOB_SHA256 + ")"));
    assertTrue(run.out().contains("signed by " + OwnSigstore.SAN), run.out());
  }

  @Test
  void verifyBundleAcceptsTheSignedDigestAndReportsNoStatement() throws IOException {
    CommandRun run =
        verifyBundle(
            OwnSigstore.toJson(own.signBlob(BLOB)),
            OwnSigstore.SAN,
            "--json",
            "--digest",
            "sha256:" + BLOB_SHA256);

    assertEquals(0, run.exitCode(), run.err());
    JsonNode artifact = new ObjectMapper().readTree(run.out()).path("artifacts").path(0);
    assertTrue(artifact.path("verified").asBoolean());
    assertEquals(OwnSigstore.SAN, artifact.path("subjectAlternativeName").asText());
    assertFalse(artifact.has("statementType"), run.out());
  }

  @Test
  void theBlobBundleIsReadWithTheWholeFileOnce() throws IOException {
    String bundle = OwnSigstore.toJson(own.signBlob(BLOB));

    CommandRun trailing = verifyBundle(bundle + "\n{\"mediaType\":", OwnSigstore.SAN, blob());
    CommandRun twice = verifyBundle(bundle + "\n" + bundle, OwnSigstore.SAN, blob());

    // The file is read once, all of it: what follows the bundle is not skipped.
    assertEquals(1, trailing.exitCode(), trailing.err());
    assertTrue(trailing.err().contains("PROVENANCE_FORMAT: expected Sigstore bundles in JSON"));
    assertEquals(1, twice.exitCode(), twice.err());
    assertTrue(
        twice
            .err()
            .contains(
                "PROVENANCE_FORMAT: expected a bundle that signs a blob alone in its file, as on"
                    + " line 1, found 2 JSON documents"),
        twice.err());
  }

  @Test
  void verifyArtifactRefusesABlobBundle() throws IOException {
    Path root = Files.write(temp.resolve("trusted_root.json"), own.trustedRoot().toJson());
    Path bundle =
        Files.writeString(
            temp.resolve("release.tar.gz.sigstore.json"), OwnSigstore.toJson(own.signBlob(BLOB)));

    CommandRun run =
        CommandRun.verifyArtifactExactly(
            List.of(
                "--offline",
                "--trusted-root",
                root.toString(),
                "--provenance-path",
                bundle.toString(),
                "--source-uri",
                OwnSigstore.SOURCE_URI,
                blob()));

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                "PROVENANCE_FORMAT: expected a Sigstore bundle with a DSSE envelope on line 1"),
        run.err());
    assertTrue(run.err().contains("signs a blob (messageSignature), not a statement"), run.err());
  }

  @Test
  void anotherFileFailsNamingBothDigests() throws IOException {
    Path other = Files.writeString(temp.resolve("other.tar.gz"), "other");
    String otherSha256 = Artifact.hash(other).sha256();

    CommandRun run =
        verifyBundle(OwnSigstore.toJson(own.signBlob(BLOB)), OwnSigstore.SAN, other.toString());

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "SUBJECT_DIGEST: expected a signature over "
                    + other
                    + "'s digest sha256:"
                    + otherSha256
                    + ", found one over sha256:"
                    + BLOB_SHA256),
        run.err());
  }

  @Test
  void anotherIdentityFails() throws IOException {
    String other = OwnSigstore.SAN.replace("v1.0.0", "v2.0.0");

    CommandRun run = verifyBundle(OwnSigstore.toJson(own.signBlob(BLOB)), other, blob());

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains("CERTIFICATE_IDENTITY: expected " + other + ", found " + OwnSigstore.SAN),
        run.err());
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

  private String blob() throws IOException {
    Path path = temp.resolve("release.tar.gz");
    if (!Files.exists(path)) {
      Files.write(path, BLOB);
    }
    return path.toString();
  }

  private CommandRun verifyBundle(String bundleJson, String identity, String... rest)
      throws IOException {
    Path root = Files.write(temp.resolve("trusted_root.json"), own.trustedRoot().toJson());
    Path bundle = Files.writeString(temp.resolve("release.tar.gz.sigstore.json"), bundleJson);
    List<String> args =
        new ArrayList<>(
            List.of(
                "--offline",
                "--trusted-root",
                root.toString(),
                "--bundle",
                bundle.toString(),
                "--certificate-identity",
                identity,
                "--certificate-oidc-issuer",
                IdentityPolicy.GITHUB_ACTIONS_ISSUER));
    args.addAll(List.of(rest));
    return CommandRun.verifyBundleExactly(args);
  }
}
