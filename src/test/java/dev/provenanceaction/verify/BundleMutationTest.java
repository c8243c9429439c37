package dev.provenanceaction.verify;

import static dev.provenanceaction.verify.ProvenanceVerification.failure;
import static dev.provenanceaction.verify.ProvenanceVerification.verified;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.OwnSigstore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every part of a bundle, changed by one byte or swapped for another bundle's, fails the check
 * about that part: on the real fixtures and on bundles signed here by an ephemeral Sigstore.
 */
class BundleMutationTest {
  private static final byte[] ARTIFACT = "wheel bytes\n".getBytes(StandardCharsets.UTF_8);
  private static final String ARTIFACT_SHA256 = HexFormat.of().formatHex(Digests.sha256(ARTIFACT));

  /** Bundles that verify against {@code root}; {@code other} is a second, unrelated one. */
  record Source(String name, TrustedRoot root, SigstoreBundle bundle, SigstoreBundle other) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A change to {@code bundle}, given {@code other} to take parts from. */
  record Mutation(String name, Check expected, BinaryOperator<SigstoreBundle> apply) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> mutations() throws Exception {
    List<Mutation> mutations =
        List.of(
            new Mutation(
                "flipped signature",
                Check.DSSE_SIGNATURE,
                (bundle, other) -> BundleMutations.flipSignature(bundle)),
            new Mutation(
                "flipped payload",
                Check.DSSE_SIGNATURE,
                (bundle, other) -> BundleMutations.flipPayload(bundle)),
            new Mutation(
                "flipped certificate",
                Check.CERTIFICATE_CHAIN,
                (bundle, other) -> BundleMutations.flipCertificate(bundle)),
            new Mutation(
                "flipped SET",
                Check.SET,
                (bundle, other) -> BundleMutations.flipSignedEntryTimestamp(bundle)),
            new Mutation(
                "flipped inclusion-proof hash",
                Check.INCLUSION_PROOF,
                (bundle, other) -> BundleMutations.flipProofHash(bundle)),
            new Mutation(
                "flipped checkpoint signature",
                Check.CHECKPOINT,
                (bundle, other) -> BundleMutations.flipCheckpointSignature(bundle)),
            new Mutation(
                "log entry of another bundle",
                Check.LOG_BODY,
                (bundle, other) -> BundleMutations.withEntry(bundle, other.logEntry())));
    return sources().flatMap(source -> mutations.stream().map(m -> Arguments.of(source, m)));
  }

  private static Stream<Source> sources() throws Exception {
    TrustedRoot publicGood = TrustedRoot.parse(Fixtures.bytes(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT));
    SigstoreBundle slsa = realBundle(Fixtures.SLSA_GENERATOR_JSONL);
    SigstoreBundle attest = realBundle(Fixtures.ATTEST_BUNDLE);
    OwnSigstore own = new OwnSigstore();
    // Several entries first, so the proofs have audit paths to change.
    own.sign(OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, "00".repeat(32)));
    SigstoreBundle ownOther =
        own.sign(OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, "11".repeat(32)));
    SigstoreBundle ownBundle =
        own.sign(OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, ARTIFACT_SHA256));
    return Stream.of(
        new Source("slsa-github-generator", publicGood, slsa, attest),
        new Source("actions/attest", publicGood, attest, slsa),
        new Source("own", own.trustedRoot(), ownBundle, ownOther));
  }

  private static SigstoreBundle realBundle(String fixture) throws Exception {
    return SigstoreBundle.parse(Fixtures.text(fixture).strip());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("mutations")
  void mutationFailsTheCheckAboutThatPart(Source source, Mutation mutation) throws Exception {
    BundleVerifier verifier = BundleVerifier.create(source.root());
    verifier.verify(source.bundle());
    SigstoreBundle changed = mutation.apply().apply(source.bundle(), source.other());

    VerificationException error =
        assertThrows(VerificationException.class, () -> verifier.verify(changed));

    assertEquals(mutation.expected(), error.check(), error.getMessage());
    assertTrue(error.getMessage().startsWith(mutation.expected() + ": "), error.getMessage());
  }

  @Test
  void swappedEntryOfOurOwnNamesThePayloadHash() throws Exception {
    OwnSigstore own = new OwnSigstore();
    SigstoreBundle first =
        own.sign(OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, "22".repeat(32)));
    SigstoreBundle second =
        own.sign(OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, ARTIFACT_SHA256));
    String expectedHash = HexFormat.of().formatHex(Digests.sha256(second.envelope().payload()));

    VerificationException error =
        assertThrows(
            VerificationException.class,
            () ->
                BundleVerifier.create(own.trustedRoot())
                    .verify(BundleMutations.withEntry(second, first.logEntry())));

    assertEquals(Check.LOG_BODY, error.check());
    assertTrue(
        error
            .getMessage()
            .startsWith("LOG_BODY: expected /spec/payloadHash/value " + expectedHash + ", found"),
        error.getMessage());
  }

  @Test
  void certificateExpiredBeforeTheLogTookTheEntryFailsTheValidity() throws Exception {
    OwnSigstore own = new OwnSigstore();
    // The log really signs this entry 20 minutes after the 10-minute leaf was issued.
    SigstoreBundle late =
        own.sign(
            OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, ARTIFACT_SHA256),
            Duration.ofMinutes(20));

    VerificationException error =
        assertThrows(
            VerificationException.class,
            () -> BundleVerifier.create(own.trustedRoot()).verify(late));

    assertEquals(Check.CERTIFICATE_VALIDITY, error.check());
    assertEquals(
        "CERTIFICATE_VALIDITY: expected the log's integrated time 2025-03-01T12:20:00Z within the"
            + " leaf's validity, found it outside 2025-03-01T12:00:00Z to 2025-03-01T12:10:00Z",
        error.getMessage());

    Failure failure =
        failure(
            new String(late.toJsonLine(), StandardCharsets.UTF_8),
            own.trustedRoot(),
            wheelPolicy());
    assertTrue(
        failure
            .message()
            .contains("line 1: CERTIFICATE_VALIDITY: expected the log's integrated time"),
        failure.message());
  }

  @Test
  void statementWithoutTypeSignedForRealFailsTheStatementType() throws Exception {
    OwnSigstore own = new OwnSigstore();
    SigstoreBundle untyped = own.sign(OwnSigstore.provenance(null, ARTIFACT_SHA256));
    BundleVerifier.create(own.trustedRoot()).verify(untyped);

    List<ArtifactResult> results =
        ProvenanceVerification.verify(
            new String(untyped.toJsonLine(), StandardCharsets.UTF_8),
            own.trustedRoot(),
            wheelPolicy());

    assertEquals(1, results.size());
    assertTrue(results.get(0).provenance().isEmpty(), "nothing verified");
    String message = results.get(0).failure().get().message();
    assertTrue(
        message.contains(
            "line 1: STATEMENT_TYPE: expected _type https://in-toto.io/Statement/v1 or"
                + " https://in-toto.io/Statement/v0.1, found no _type"),
        message);
  }

  @Test
  void unchangedOwnBundleVerifiesItsArtifact() throws Exception {
    OwnSigstore own = new OwnSigstore();
    SigstoreBundle bundle =
        own.sign(OwnSigstore.provenance(OwnSigstore.SLSA_V1_STATEMENT, ARTIFACT_SHA256));

    VerifiedProvenance provenance =
        verified(
            new String(bundle.toJsonLine(), StandardCharsets.UTF_8),
            own.trustedRoot(),
            wheelPolicy());

    assertEquals(1, provenance.line());
    assertEquals(OwnSigstore.SAN, provenance.identity().subjectAlternativeName());
  }

  /** What verify-artifact asks of the wheel's bundle: provenance of the repository at v1.0.0. */
  private static VerificationPolicy wheelPolicy() {
    return VerificationPolicy.provenance(
        List.of(new Artifact("wheels-1.0.0.whl", ARTIFACT_SHA256)),
        IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)
            .withSourceRepositoryUri("https://" + OwnSigstore.SOURCE_URI)
            .withSourceRef("refs/tags/v1.0.0"));
  }
}
