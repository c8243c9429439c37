package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rekor v2 bundles that sigstore-python made against Sigstore's staging instance (log
 * log2025-alpha1.rekor.sigstage.dev, timestamp.sigstage.dev), verified against the staging trusted
 * root; each mutation must fail the check about the part it changed. See {@code
 * real/rekor-v2/README.md} for the files' sources.
 */
class RealRekorV2BundleTest {
  @TempDir Path temp;

  private static final String DIR = "/real/rekor-v2/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BLOB_BUNDLE = text("staging-rekor-v2.txt.sigstore.json");
  private static final String DSSE_BUNDLE = text("a.dsse.staging-rekor-v2.txt.sigstore.json");
  private static final TrustedRoot ROOT = root(text("staging-trusted_root.json"));

  @Test
  void hashedRekordBlobBundleVerifiesAtItsTimestamp() throws Exception {
    VerifiedBlob verified = BundleVerifier.create(ROOT).verify(blob(BLOB_BUNDLE));

    assertEquals(Instant.parse("2025-06-09T11:57:38Z"), verified.integratedTime());
    assertEquals("hashedrekord 0.0.2", entryKind(verified.logEntry()));
    assertEquals(
        Base64.getEncoder().encodeToString(Digests.sha256(bytes("staging-rekor-v2.txt"))),
        Base64.getEncoder().encodeToString(verified.sha256()));
  }

  @Test
  void dsseBundleVerifiesAtItsTimestamp() throws Exception {
    VerifiedBundle verified = BundleVerifier.create(ROOT).verify(SigstoreBundle.parse(DSSE_BUNDLE));

    assertEquals(Instant.parse("2025-06-09T21:06:28Z"), verified.integratedTime());
    assertEquals("dsse 0.0.2", entryKind(verified.logEntry()));
  }

  @Test
  void verifyBundleAcceptsTheSignedFileWithTheSignersIdentity() throws IOException {
    Path root = Files.write(temp.resolve("trusted_root.json"), bytes("staging-trusted_root.json"));
    Path bundle =
        Files.writeString(temp.resolve("staging-rekor-v2.txt.sigstore.json"), BLOB_BUNDLE);
    Path artifact =
        Files.write(temp.resolve("staging-rekor-v2.txt"), bytes("staging-rekor-v2.txt"));

    CommandRun run =
        CommandRun.verifyBundleExactly(
            List.of(
                "--offline",
                "--trusted-root",
                root.toString(),
                "--bundle",
                bundle.toString(),
                "--certificate-identity",
                "jku@goto.fi",
                "--certificate-oidc-issuer",
                "https://github.com/login/oauth",
                artifact.toString()));

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("PASSED: " + artifact), run.out());
  }

  @Test
  void rootNamingTheLogBySpkiDigestStillFindsIt() throws Exception {
    // As sigstore-python's staging-but-sign-with-rekor-v2.json names log2025-alpha1.
    TrustedRoot.Log real = ROOT.transparencyLogs().get(1);
    TrustedRoot.Log bySpki =
        new TrustedRoot.Log(
            real.baseUrl(),
            real.publicKey(),
            real.keyDetails(),
            Digests.sha256(real.publicKey().getEncoded()),
            real.validFor());
    TrustedRoot root =
        new TrustedRoot(
            ROOT.certificateAuthorities(),
            List.of(ROOT.transparencyLogs().get(0), bySpki),
            ROOT.ctLogs(),
            ROOT.timestampAuthorities());

    assertEquals(
        "RycrnT/11WQ15JtgBXeYVLlFYMtbAka7+JnxUQaOX5E=",
        Base64.getEncoder().encodeToString(bySpki.logId()));
    BundleVerifier.create(root).verify(blob(BLOB_BUNDLE));
    BundleVerifier.create(root).verify(SigstoreBundle.parse(DSSE_BUNDLE));
  }

  @Test
  void flippedSignaturesFailTheirSignatureChecks() {
    assertEquals(
        Check.MESSAGE_SIGNATURE,
        blobFails(mutate(BLOB_BUNDLE, json -> flipBase64(json, "/messageSignature", "signature"))));
    assertEquals(
        Check.DSSE_SIGNATURE,
        dsseFails(
            mutate(DSSE_BUNDLE, json -> flipBase64(json, "/dsseEnvelope/signatures/0", "sig"))));
  }

  @Test
  void changedCheckpointTextFailsTheCheckpoint() {
    // The note's tree size and root hash lines are what the log signed.
    String sizeChanged =
        mutate(BLOB_BUNDLE, json -> replaceInCheckpoint(json, "\n646\n", "\n645\n"));
    String rootChanged =
        mutate(
            DSSE_BUNDLE,
            json -> replaceInCheckpoint(json, "\nVLopDAB81ENEy7SM2", "\nWLopDAB81ENEy7SM2"));

    VerificationException error = blobError(sizeChanged);
    assertEquals(Check.CHECKPOINT, error.check());
    assertEquals(
        "CHECKPOINT: expected the log https://log2025-alpha1.rekor.sigstage.dev to have signed the"
            + " checkpoint, found a signature by its key id that does not verify",
        error.getMessage());
    assertEquals(Check.CHECKPOINT, dsseFails(rootChanged));
  }

  @Test
  void flippedCheckpointSignatureFailsTheCheckpoint() {
    String flipped =
        mutate(
            BLOB_BUNDLE,
            json ->
                replaceInCheckpoint(json, "ZuqnZ5RtHbq2kpt/B8AE=\n", "ZuqnZ5RtHbq2kpt/B8AA=\n"));

    assertEquals(Check.CHECKPOINT, blobFails(flipped));
  }

  @Test
  void witnessCosignatureOfAnUnknownKeyIsIgnored() throws Exception {
    TestRekorV2Log.Witness witness =
        new TestRekorV2Log.Witness("witness.example", TestRekorV2Log.generateEd25519());
    String cosigned = mutate(DSSE_BUNDLE, json -> appendWitnessLine(json, witness));

    BundleVerifier.create(ROOT).verify(SigstoreBundle.parse(cosigned));
  }

  @Test
  void lineWithTheLogsNameAndKeyIdThatDoesNotVerifyFailsTheCheckpoint() {
    // A second line claiming to be the log's: note.Open refuses a known key's bad signature.
    String forged =
        mutate(
            DSSE_BUNDLE,
            json ->
                replaceInCheckpoint(
                    json,
                    "okwLQw=\n",
                    "okwLQw=\n\u2014 log2025-alpha1.rekor.sigstage.dev 8w1amf"
                        + "A".repeat(86)
                        + "==\n"));

    assertEquals(Check.CHECKPOINT, dsseFails(forged));
  }

  @Test
  void checkpointOfAnotherOriginFailsTheCheckpoint() {
    String otherOrigin =
        mutate(
            BLOB_BUNDLE,
            json ->
                replaceInCheckpoint(
                    json, "log2025-alpha1.rekor.sigstage.dev\n646", "log2025-alpha2.rekor\n646"));

    VerificationException error = blobError(otherOrigin);
    assertEquals(
        "CHECKPOINT: expected the origin \"log2025-alpha1.rekor.sigstage.dev\" of the log"
            + " https://log2025-alpha1.rekor.sigstage.dev, found \"log2025-alpha2.rekor\"",
        error.getMessage());
  }

  @Test
  void logWhoseHostIsNotTheOriginFailsTheCheckpoint() throws Exception {
    TrustedRoot.Log real = ROOT.transparencyLogs().get(1);
    TrustedRoot.Log renamed =
        new TrustedRoot.Log(
            URI.create("https://log2025-alpha1.rekor.example"),
            real.publicKey(),
            real.keyDetails(),
            real.logId(),
            real.validFor());
    TrustedRoot root =
        new TrustedRoot(
            ROOT.certificateAuthorities(),
            List.of(renamed),
            ROOT.ctLogs(),
            ROOT.timestampAuthorities());

    VerificationException error =
        assertThrows(
            VerificationException.class,
            () -> BundleVerifier.create(root).verify(blob(BLOB_BUNDLE)));
    assertEquals(Check.CHECKPOINT, error.check());
  }

  @Test
  void flippedProofHashFailsTheInclusionProof() {
    assertEquals(
        Check.INCLUSION_PROOF,
        blobFails(
            mutate(
                BLOB_BUNDLE,
                json ->
                    flipBase64(json, "/verificationMaterial/tlogEntries/0/inclusionProof", 2))));
    assertEquals(
        Check.INCLUSION_PROOF,
        dsseFails(
            mutate(
                DSSE_BUNDLE,
                json ->
                    flipBase64(json, "/verificationMaterial/tlogEntries/0/inclusionProof", 0))));
  }

  @Test
  void proofOfAnotherTreeThanTheCheckpointsFailsTheInclusionProof() {
    String otherTree =
        mutate(
            BLOB_BUNDLE,
            json ->
                ((ObjectNode) json.at("/verificationMaterial/tlogEntries/0/inclusionProof"))
                    .put("treeSize", "645"));

    assertEquals(Check.INCLUSION_PROOF, blobFails(otherTree));
  }

  @Test
  void changedTimestampTokenFailsTheTimestamp() {
    // Byte 90 lies in the signed TSTInfo (its message imprint); the last bytes in the signature.
    assertEquals(Check.TIMESTAMP, blobFails(mutate(BLOB_BUNDLE, json -> flipTimestamp(json, 90))));
    assertEquals(Check.TIMESTAMP, dsseFails(mutate(DSSE_BUNDLE, json -> flipTimestamp(json, -3))));
  }

  @Test
  void timestampOfAnUntrustedAuthorityFailsTheTimestamp() {
    TrustedRoot withoutAuthority =
        new TrustedRoot(
            ROOT.certificateAuthorities(), ROOT.transparencyLogs(), ROOT.ctLogs(), List.of());

    VerificationException error =
        assertThrows(
            VerificationException.class,
            () -> BundleVerifier.create(withoutAuthority).verify(blob(BLOB_BUNDLE)));
    assertEquals(
        "TIMESTAMP: expected a timestamp signed by one of 0 trusted timestamp authorities, found"
            + " one that none can check",
        error.getMessage());
  }

  @Test
  void entryWithoutTimestampFailsTheTimestamp() {
    String untimed =
        mutate(
            DSSE_BUNDLE,
            json ->
                ((ObjectNode) json.get("verificationMaterial"))
                    .remove("timestampVerificationData"));

    assertEquals(Check.TIMESTAMP, dsseFails(untimed));
  }

  @Test
  void flippedCertificateFailsTheChain() {
    String flipped =
        mutate(
            BLOB_BUNDLE, json -> flipBase64(json, "/verificationMaterial/certificate", "rawBytes"));

    assertEquals(Check.CERTIFICATE_CHAIN, blobFails(flipped));
  }

  @Test
  void swappedEntriesFailTheLogBody() {
    JsonNode blobEntry = read(BLOB_BUNDLE).at("/verificationMaterial/tlogEntries");
    JsonNode dsseEntry = read(DSSE_BUNDLE).at("/verificationMaterial/tlogEntries");

    VerificationException blobError =
        blobError(mutate(BLOB_BUNDLE, json -> setEntries(json, dsseEntry)));
    VerificationException dsseError =
        dsseError(mutate(DSSE_BUNDLE, json -> setEntries(json, blobEntry)));

    assertEquals(
        "LOG_BODY: expected kind hashedrekord 0.0.2, found dsse 0.0.2", blobError.getMessage());
    assertEquals(Check.LOG_BODY, dsseError.check());
    assertTrue(
        dsseError.getMessage().startsWith("LOG_BODY: expected /spec/hashedRekordV002/data/digest "),
        dsseError.getMessage());
  }

  private static String entryKind(dev.provenanceaction.sigstore.rekor.LogEntry entry) {
    return entry.kind() + " " + entry.version();
  }

  private static MessageSignatureBundle blob(String json) {
    try {
      return MessageSignatureBundle.parse(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Check blobFails(String json) {
    return blobError(json).check();
  }

  private static VerificationException blobError(String json) {
    return assertThrows(
        VerificationException.class, () -> BundleVerifier.create(ROOT).verify(blob(json)));
  }

  private static Check dsseFails(String json) {
    return dsseError(json).check();
  }

  private static VerificationException dsseError(String json) {
    return assertThrows(
        VerificationException.class,
        () -> BundleVerifier.create(ROOT).verify(SigstoreBundle.parse(json)));
  }

  private static String mutate(String json, Consumer<JsonNode> change) {
    JsonNode tree = read(json);
    change.accept(tree);
    return tree.toString();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flips the last byte of a base64 field (inside the DER signature or certificate signature). */
  private static void flipBase64(JsonNode json, String object, String field) {
    ObjectNode node = (ObjectNode) json.at(object);
    byte[] bytes = Base64.getDecoder().decode(node.get(field).asText());
    node.put(field, Base64.getEncoder().encodeToString(BundleMutations.flipLast(bytes)));
  }

  /** Flips a byte of one of the proof's audit-path hashes. */
  private static void flipBase64(JsonNode json, String proof, int hash) {
    ArrayNode hashes = (ArrayNode) json.at(proof).get("hashes");
    byte[] bytes = Base64.getDecoder().decode(hashes.get(hash).asText());
    hashes.set(hash, Base64.getEncoder().encodeToString(BundleMutations.flip(bytes, 7)));
  }

  /** Flips a byte of the timestamp response; a negative index counts from its end. */
  private static void flipTimestamp(JsonNode json, int index) {
    ObjectNode timestamp =
        (ObjectNode) json.at("/verificationMaterial/timestampVerificationData/rfc3161Timestamps/0");
    byte[] bytes = Base64.getDecoder().decode(timestamp.get("signedTimestamp").asText());
    timestamp.put(
        "signedTimestamp",
        Base64.getEncoder()
            .encodeToString(BundleMutations.flip(bytes, index < 0 ? bytes.length + index : index)));
  }

  private static void replaceInCheckpoint(JsonNode json, String from, String to) {
    ObjectNode checkpoint =
        (ObjectNode) json.at("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint");
    String note = checkpoint.get("envelope").asText();
    if (!note.contains(from)) {
      throw new AssertionError("the checkpoint holds no " + from + ": " + note);
    }
    checkpoint.put("envelope", note.replace(from, to));
  }

  private static void appendWitnessLine(JsonNode json, TestRekorV2Log.Witness witness) {
    ObjectNode checkpoint =
        (ObjectNode) json.at("/verificationMaterial/tlogEntries/0/inclusionProof/checkpoint");
    String note = checkpoint.get("envelope").asText();
    String text = note.substring(0, note.indexOf("\n\n") + 1);
    byte[] hint = CheckpointCheck.keyId(witness.name(), witness.key().getPublic(), true);
    checkpoint.put(
        "envelope",
        note
            + TestRekorV2Log.signatureLine(witness.name(), hint, witness.key().getPrivate(), text));
  }

  private static void setEntries(JsonNode json, JsonNode entries) {
    ((ObjectNode) json.get("verificationMaterial")).set("tlogEntries", entries.deepCopy());
  }

  private static TrustedRoot root(String json) {
    try {
      return TrustedRoot.parse(json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String name) {
    try (InputStream in = RealRekorV2BundleTest.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new AssertionError("no test resource " + DIR + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
