package dev.provenanceaction.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.TlsCaVariable;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.DsseEntryBody;
import dev.provenanceaction.testing.CommandRun;
import dev.provenanceaction.testing.OwnSigstore;
import dev.provenanceaction.testing.RekorServer;
import dev.provenanceaction.testing.Sha256;
import dev.provenanceaction.testing.TestTls;
import dev.provenanceaction.verify.Artifact;
import dev.provenanceaction.verify.IdentityPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legacy envelopes, as slsa-github-generator v1.x wrote them (a DSSE envelope whose signatures
 * carry their certificate as PEM, and no log entry): signed in the test, their {@code intoto} 0.0.2
 * entry in a loopback Rekor that {@code verify-artifact} looks up by the payload's SHA-256. (The
 * command line's own errors about looking up are in {@link VerifyArtifactCommandTest}.)
 */
class LegacyEnvelopeTest {
  private static final TestTls TLS = TestTls.create();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private final OwnSigstore own = new OwnSigstore();
  private RekorServer rekor;
  private Path trustedRoot;
  private Path artifact;
  private byte[] statement;

  @BeforeEach
  void start() throws IOException {
    rekor = RekorServer.create(own.sigstore().transparencyLog()).start(TLS);
    trustedRoot = Files.write(temp.resolve("trusted_root.json"), own.trustedRoot().toJson());
    artifact = Files.writeString(temp.resolve("wheels-1.0.0.whl"), "a wheel");
    statement =
        OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, Artifact.hash(artifact).sha256());
  }

  @AfterEach
  void stop() {
    rekor.close();
  }

  @Test
  void loggedLegacyEnvelopeVerifiesOnline() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    own.logIntoto(envelope, signer.leaf());

    CommandRun run = verifyOnline(legacyFile(envelope, signer));

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("PASSED: " + artifact), run.out());
    assertTrue(run.out().contains("signed by " + OwnSigstore.SAN), run.out());
    assertTrue(run.out().contains("(Rekor index 0)"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void theEntryIsFoundAmongOthersForTheSamePayload() throws Exception {
    OwnSigstore.Signer signer = own.newSigner();
    own.logIntoto(OwnSigstore.envelope(signer, statement), signer.leaf());
    own.sigstore().transparencyLog().appendBody("dsse", "0.0.1", dsseBodyFor(statement));
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    own.logIntoto(envelope, signer.leaf());

    CommandRun run = verifyOnline(legacyFile(envelope, signer));

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("(Rekor index 2)"), run.out());
  }

  @Test
  void legacyEnvelopeWithoutEntryFailsNamingRekor() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);

    CommandRun run = verifyOnline(legacyFile(envelope, signer));

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "line 1: REKOR_LOOKUP: expected an intoto entry for the payload sha256:"
                    + Artifact.hash(statementFile()).sha256()
                    + " in Rekor at "
                    + rekor.url()
                    + ", found no entry"),
        run.err());
  }

  @Test
  void legacyEnvelopeIsRefusedOfflineWithoutAskingRekor() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    own.logIntoto(envelope, signer.leaf());

    CommandRun run =
        run(
            Map.of(),
            "--offline",
            "--trusted-root",
            trustedRoot.toString(),
            "--provenance-path",
            legacyFile(envelope, signer).toString(),
            "--source-uri",
            OwnSigstore.SOURCE_URI,
            artifact.toString());

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "PROVENANCE_FORMAT: expected a Sigstore bundle on line 1, found a bare DSSE"
                    + " envelope with signatures[].cert and no verification material (the format"
                    + " of slsa-github-generator v1.x); verifying it needs its entry looked up in"
                    + " Rekor online, which --offline forbids: drop --offline"),
        run.err());
    assertEquals(0, rekor.requestCount());
  }

  @Test
  void entryOfAnotherEnvelopeOverTheSamePayloadFailsTheLogBody() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    DsseEnvelope signedAgain = OwnSigstore.envelope(signer, statement);
    own.logIntoto(signedAgain, signer.leaf());

    CommandRun run = verifyOnline(legacyFile(envelope, signer));

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("line 1: LOG_BODY: expected /spec/content/envelope/signatures/0/sig "),
        run.err());
  }

  @Test
  void entryNamingAnotherCertificateFailsTheLogBody() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    own.logIntoto(envelope, own.newSigner().leaf());

    CommandRun run = verifyOnline(legacyFile(envelope, signer));

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "line 1: LOG_BODY: expected /spec/content/envelope/signatures/0/publicKey to be"
                    + " the leaf "),
        run.err());
  }

  @Test
  void wrongRepositoryFailsAfterTheLookup() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    own.logIntoto(envelope, signer.leaf());

    CommandRun run =
        run(
            Map.of(tlsCa(), TLS.caPem().toString()),
            "--trusted-root",
            trustedRoot.toString(),
            "--rekor-url",
            rekor.url().toString(),
            "--provenance-path",
            legacyFile(envelope, signer).toString(),
            "--source-uri",
            "github.com/evil/fork",
            artifact.toString());

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("line 1: SOURCE_REPOSITORY: expected"), run.err());
  }

  @Test
  void rekorErrorIsNamed() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    own.logIntoto(envelope, signer.leaf());
    rekor.failNext(1, 400);

    CommandRun run = verifyOnline(legacyFile(envelope, signer));

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().contains("REKOR_LOOKUP: expected an intoto entry for the payload sha256:"),
        run.err());
    assertTrue(run.err().contains("found a failure: Rekor: HTTP 400: injected failure"), run.err());
  }

  @Test
  void untrustedTlsFailsNamingRekorAndTheHandshake() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    own.logIntoto(envelope, signer.leaf());

    CommandRun run =
        run(
            Map.of(),
            "--trusted-root",
            trustedRoot.toString(),
            "--rekor-url",
            rekor.url().toString(),
            "--provenance-path",
            legacyFile(envelope, signer).toString(),
            "--source-uri",
            OwnSigstore.SOURCE_URI,
            artifact.toString());

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("found a failure: Rekor: TLS handshake failed"), run.err());
  }

  @Test
  void verifyBundleRefersLegacyEnvelopesToVerifyArtifact() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    own.logIntoto(envelope, signer.leaf());

    CommandRun run =
        CommandRun.verifyBundleExactly(
            List.of(
                "--trusted-root",
                trustedRoot.toString(),
                "--bundle",
                legacyFile(envelope, signer).toString(),
                "--certificate-identity",
                OwnSigstore.SAN,
                "--certificate-oidc-issuer",
                IdentityPolicy.GITHUB_ACTIONS_ISSUER,
                artifact.toString()));

    assertEquals(1, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "verify-bundle takes Sigstore bundles only: verify it with" + " verify-artifact"),
        run.err());
    assertEquals(0, rekor.requestCount());
  }

  @Test
  void signaturesWithoutCertAreSkippedAndABadCertIsAFormatError() throws IOException {
    OwnSigstore.Signer signer = own.newSigner();
    DsseEnvelope envelope = OwnSigstore.envelope(signer, statement);
    own.logIntoto(envelope, signer.leaf());
    ObjectNode json = (ObjectNode) JSON.readTree(Files.readString(legacyFile(envelope, signer)));
    ((ArrayNode) json.get("signatures")).insertObject(0).put("keyid", "k").put("sig", "MEUC");
    Path withKeyOnly = Files.writeString(temp.resolve("two.intoto.jsonl"), json.toString());

    assertEquals(0, verifyOnline(withKeyOnly).exitCode());

    ((ObjectNode) json.get("signatures").get(1)).put("cert", "-----BEGIN CERTIFICATE-----");
    Path badCert = Files.writeString(temp.resolve("bad.intoto.jsonl"), json.toString());
    CommandRun run = verifyOnline(badCert);

    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("signatures[1].cert that is not a PEM certificate"), run.err());
  }

  private static String tlsCa() {
    return TlsCaVariable.NAME;
  }

  private Path statementFile() throws IOException {
    return Files.write(temp.resolve("statement.json"), statement);
  }

  private CommandRun verifyOnline(Path provenance) {
    return run(
        Map.of(TlsCaVariable.NAME, TLS.caPem().toString()),
        "--trusted-root",
        trustedRoot.toString(),
        "--rekor-url",
        rekor.url().toString(),
        "--provenance-path",
        provenance.toString(),
        "--source-uri",
        OwnSigstore.SOURCE_URI,
        "--source-tag",
        "v1.0.0",
        artifact.toString());
  }

  /**
   * The envelope as slsa-github-generator v1.x wrote it: the certificate as PEM in the signature.
   */
  private Path legacyFile(DsseEnvelope envelope, OwnSigstore.Signer signer) throws IOException {
    Base64.Encoder base64 = Base64.getEncoder();
    ObjectNode json = JSON.createObjectNode();
    json.put("payloadType", envelope.payloadType());
    json.put("payload", base64.encodeToString(envelope.payload()));
    json.putArray("signatures")
        .addObject()
        .put("keyid", "")
        .put("sig", base64.encodeToString(envelope.signature()))
        .put("cert", DsseEntryBody.pem(signer.leaf()));
    return Files.writeString(temp.resolve("legacy.intoto.jsonl"), json + "\n");
  }

  /** A dsse body indexed under the same payload hash, which the lookup must pass over. */
  private static byte[] dsseBodyFor(byte[] payload) {
    String hex = Sha256.hex(payload);
    return ("{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{\"payloadHash\":"
            + "{\"algorithm\":\"sha256\",\"value\":\""
            + hex
            + "\"}}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static CommandRun run(Map<String, String> env, String... args) {
    return CommandRun.verifyArtifactExactly(env, List.of(args));
  }
}
