package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import dev.provenanceaction.verify.SignedNote.NoteSignature;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real trust roots' keys verify what they really signed: the production Rekor key a bundle
 * v0.1's SET, the production and staging CT keys the SCTs of real leaves, a staging Rekor v2
 * Ed25519 key a real checkpoint; and changes to those keys or signatures fail the check named.
 */
class RealTrustRootKeysTest {
  /**
   * The artifact of the real container-based v0.1 bundle: the builder's command was `touch`, so it
   * is empty, and its digest is the SHA-256 of nothing.
   */
  private static final Artifact CONTAINER_BASED_BINARY =
      new Artifact(
          "gha_container-based-binary-linux-amd64-v14",
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

  private static final String REKOR_KEY =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2G2Y+2tabdTV5BcGiBIx0a9fAFwrkBbmLSGtks4L3qX6yYY0zufB"
          + "nhC8Ur/iy55GhWP/9A/bY2LhC30M9+RYtw==";
  private static final String CT_2022_KEY =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEiPSlFi0CmFTfEjCUqF9HuCEcYXNKAaYalIJmBZ8yyezPjTqhxrKB"
          + "pMnaocVtLJBI1eM3uXnQzQGAJdJ4gs9Fyw==";
  private static final String STAGING_CT_2022_2_KEY =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE8gEDKNme8AnXuPBgHjrtXdS6miHqc24CRblNEOFpiJRngeq8Ko73"
          + "Y+K18yRYVf1DXD4AVLwvKyzdNdl5n0jUSQ==";
  private static final String STAGING_CT_2022_KEY =
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEh99xuRi6slBFd8VUJoK/rLigy4bYeSYWO/fE6Br7r0D8NpMI94+A"
          + "63LR/WvLxpUUGBpY8IJA3iU2telag5CRpA==";
  private static final long INTEGRATED_TIME = 1686149082L;

  private static SigstoreBundle containerBased() throws Exception {
    return SigstoreBundle.parse(Fixtures.text(RealFiles.CONTAINER_BASED_V01_BUNDLE));
  }

  private static TrustedRoot production(UnaryOperator<String> change) throws Exception {
    return TrustedRoot.parse(
        change.apply(Fixtures.text(RealFiles.PRODUCTION_ROOT)).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bundleV01WithOnlyAnInclusionPromiseVerifiesBySet() throws Exception {
    SigstoreBundle bundle = containerBased();

    assertEquals(SigstoreBundle.MEDIA_TYPE_V01, bundle.mediaType());
    assertEquals(null, bundle.logEntry().inclusionProof());
    VerifiedBundle verified = BundleVerifier.create(production(json -> json)).verify(bundle);

    assertEquals(Instant.ofEpochSecond(INTEGRATED_TIME), verified.integratedTime());
  }

  @Test
  void bundleV01KeepsItsVersionWhenWritten() throws Exception {
    SigstoreBundle bundle = containerBased();

    SigstoreBundle again =
        SigstoreBundle.parse(new String(bundle.toJsonLine(), StandardCharsets.UTF_8));

    assertEquals(SigstoreBundle.MEDIA_TYPE_V01, again.mediaType());
    assertTrue(
        new String(bundle.toJsonLine(), StandardCharsets.UTF_8)
            .contains("\"x509CertificateChain\":{\"certificates\":[{"));
    assertDoesNotThrow(() -> BundleVerifier.create(production(json -> json)).verify(again));
  }

  static Stream<Arguments> changes() {
    UnaryOperator<String> none = json -> json;
    return Stream.of(
        Arguments.of(
            "flipped SET",
            Check.SET,
            none,
            (UnaryOperator<SigstoreBundle>) BundleMutations::flipSignedEntryTimestamp),
        Arguments.of(
            "flipped signature",
            Check.DSSE_SIGNATURE,
            none,
            (UnaryOperator<SigstoreBundle>) BundleMutations::flipSignature),
        Arguments.of(
            "flipped payload",
            Check.DSSE_SIGNATURE,
            none,
            (UnaryOperator<SigstoreBundle>) BundleMutations::flipPayload),
        Arguments.of(
            "flipped certificate",
            Check.CERTIFICATE_CHAIN,
            none,
            (UnaryOperator<SigstoreBundle>) BundleMutations::flipCertificate),
        Arguments.of(
            "the same bundle named v0.2, which needs a proof",
            Check.INCLUSION_PROOF,
            none,
            (UnaryOperator<SigstoreBundle>)
                bundle ->
                    new SigstoreBundle(
                        bundle.certificate(),
                        bundle.logEntry(),
                        bundle.envelope(),
                        bundle.rfc3161Timestamps(),
                        "application/vnd.dev.sigstore.bundle+json;version=0.2")),
        Arguments.of(
            "Rekor's key swapped for a CT log's",
            Check.SET,
            (UnaryOperator<String>) json -> json.replaceFirst(escape(REKOR_KEY), CT_2022_KEY),
            UnaryOperator.identity()),
        Arguments.of(
            "Rekor's key valid until a second before the integrated time",
            Check.SET,
            (UnaryOperator<String>)
                json ->
                    json.replace(
                        "\"start\": \"2020-06-17T12:44:14.000Z\"",
                        "\"start\": \"2020-06-17T12:44:14.000Z\", \"end\": \""
                            + Instant.ofEpochSecond(INTEGRATED_TIME - 1)
                            + "\""),
            UnaryOperator.identity()),
        Arguments.of(
            "the CT log's key swapped for Rekor's",
            Check.SCT,
            (UnaryOperator<String>) json -> json.replace(CT_2022_KEY, REKOR_KEY),
            UnaryOperator.identity()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aChangedKeyOrSignatureFailsItsCheck(
      String name,
      Check expected,
      UnaryOperator<String> rootChange,
      UnaryOperator<SigstoreBundle> bundleChange)
      throws Exception {
    BundleVerifier verifier = BundleVerifier.create(production(rootChange));
    SigstoreBundle bundle = bundleChange.apply(containerBased());

    VerificationException error =
        assertThrows(VerificationException.class, () -> verifier.verify(bundle));

    assertEquals(expected, error.check(), error.getMessage());
  }

  @Test
  void keyValidityIncludesItsLastInstant() throws Exception {
    TrustedRoot root =
        production(
            json ->
                json.replace(
                    "\"start\": \"2020-06-17T12:44:14.000Z\"",
                    "\"start\": \"2020-06-17T12:44:14.000Z\", \"end\": \""
                        + Instant.ofEpochSecond(INTEGRATED_TIME)
                        + "\""));

    assertDoesNotThrow(() -> BundleVerifier.create(root).verify(containerBased()));
  }

  @Test
  void aLogWhoseKeyTypeIsUnknownIsNamedWhenTheBundleNeedsIt() throws Exception {
    TrustedRoot root =
        production(
            json ->
                json.replaceFirst(
                    "\"keyDetails\": \"PKIX_ECDSA_P256_SHA_256\"",
                    "\"keyDetails\": \"ML_DSA_87\""));

    assertEquals(2, root.ctLogs().size());
    VerificationException error =
        assertThrows(
            VerificationException.class,
            () -> BundleVerifier.create(root).verify(containerBased()));

    assertEquals(Check.SET, error.check());
    assertTrue(
        error
            .getMessage()
            .endsWith(
                "the trusted root's log https://rekor.sigstore.dev has this id, but its key type"
                    + " ML_DSA_87 is not supported"),
        error.getMessage());
  }

  @Test
  void aCtLogWhoseKeyTypeIsUnknownIsNamedInTheSctFailure() throws Exception {
    TrustedRoot root =
        production(
            json ->
                json.replace(
                    CT_2022_KEY + "\",\n        \"keyDetails\": \"PKIX_ECDSA_P256_SHA_256\"",
                    CT_2022_KEY + "\",\n        \"keyDetails\": \"LMS_SHA256\""));

    VerificationException error =
        assertThrows(
            VerificationException.class,
            () -> BundleVerifier.create(root).verify(containerBased()));

    assertEquals(Check.SCT, error.check());
    assertTrue(
        error
            .getMessage()
            .contains("ctfe.sigstore.dev/2022 has this id, but its key type LMS_SHA256"),
        error.getMessage());
  }

  /** The leaf of sigstore-python's staging Rekor v2 bundle, and the staging intermediate. */
  private static List<X509Certificate> stagingChain(TrustedRoot root) throws Exception {
    X509Certificate leaf =
        MessageSignatureBundle.parse(
                JsonValue.parse(Fixtures.text(RealFiles.STAGING_REKOR_V2_BUNDLE)))
            .certificate();
    return List.of(leaf, root.certificateAuthorities().get(0).certChain().get(0));
  }

  @ParameterizedTest
  @MethodSource("stagingRoots")
  void stagingRootsVerifyARealStagingSct(String file) throws Exception {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(file));

    assertDoesNotThrow(() -> new SctCheck(root).check(stagingChain(root)));

    TrustedRoot swapped =
        TrustedRoot.parse(
            Fixtures.text(file)
                .replace(STAGING_CT_2022_2_KEY, STAGING_CT_2022_KEY)
                .getBytes(StandardCharsets.UTF_8));
    VerificationException error =
        assertThrows(
            VerificationException.class, () -> new SctCheck(swapped).check(stagingChain(swapped)));
    assertEquals(Check.SCT, error.check());
    assertTrue(error.getMessage().contains("INVALID_SIGNATURE"), error.getMessage());
  }

  static Stream<String> stagingRoots() {
    return Stream.of(RealFiles.STAGING_ROOT, RealFiles.STAGING_ROOT_WITH_REKOR_V2);
  }

  @Test
  void stagingRekorV2Ed25519KeyVerifiesARealCheckpoint() throws Exception {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(RealFiles.STAGING_ROOT_WITH_REKOR_V2));
    MessageSignatureBundle bundle =
        MessageSignatureBundle.parse(
            JsonValue.parse(Fixtures.text(RealFiles.STAGING_REKOR_V2_BUNDLE)));
    Log log = root.transparencyLog(bundle.logEntry().logId()).orElseThrow();
    SignedNote note = SignedNote.parse(bundle.logEntry().inclusionProof().checkpoint());
    NoteSignature signature = note.signatures().get(0);

    assertEquals("PKIX_ED25519", log.keyDetails());
    assertTrue(log.verifies(note.signedBytes(), signature.signature()));
    assertFalse(log.verifies(note.signedBytes(), BundleMutations.flipLast(signature.signature())));
    assertFalse(
        log.verifies(
            note.text().replace("\n646\n", "\n647\n").getBytes(StandardCharsets.UTF_8),
            signature.signature()));
    Log other = root.transparencyLogs().get(2);
    assertEquals("https://log2025-alpha2.rekor.sigstage.dev", other.baseUrl().toString());
    assertFalse(other.verifies(note.signedBytes(), signature.signature()));
  }

  @Test
  void verifyBundlePassesTheBundleV01AndItsArtifact() throws Exception {
    assertVerifiesTheBinary(
        VerificationPolicy.anyStatementOrBlob(
            List.of(CONTAINER_BASED_BINARY),
            IdentityPolicy.issuedBy("https://token.actions.githubusercontent.com")
                .withSubjectAlternativeName(
                    "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
                        + "builder_container-based_slsa3.yml@refs/tags/v1.7.0")));
  }

  @Test
  void verifyArtifactPassesTheContainerBasedProvenanceAgainstItsSourceRepository()
      throws Exception {
    assertVerifiesTheBinary(
        VerificationPolicy.provenance(
            List.of(CONTAINER_BASED_BINARY),
            IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
                .withSourceRepositoryUri("https://github.com/slsa-framework/example-package")));
  }

  /** The real container-based v0.1 bundle verifies its binary, a subject, under this policy. */
  private static void assertVerifiesTheBinary(VerificationPolicy policy) throws PolicyException {
    VerifiedProvenance provenance =
        ProvenanceVerification.verified(
            Fixtures.text(RealFiles.CONTAINER_BASED_V01_BUNDLE),
            RealConformanceBundles.root(RealFiles.PRODUCTION_ROOT),
            policy);

    assertTrue(
        provenance.claims().subjectWithSha256(CONTAINER_BASED_BINARY.sha256()).isPresent(),
        "the artifact is a subject");
  }

  private static String escape(String base64) {
    return java.util.regex.Pattern.quote(base64);
  }
}
