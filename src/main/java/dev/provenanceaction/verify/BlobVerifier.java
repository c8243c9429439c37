package dev.provenanceaction.verify;

import dev.provenanceaction.provenance.StatementClaims;
import dev.provenanceaction.provenance.StatementClaims.StatementSubject;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Verifies the artifacts of a {@link VerificationPolicy} against a bundle that signs a blob ({@code
 * cosign sign-blob --bundle}, sigstore-python): its cryptography must hold, its certificate meet
 * the policy's identity, and the signed digest be the artifact's.
 */
final class BlobVerifier {

  private final BundleVerifier bundleVerifier;
  private final VerificationPolicy policy;

  BlobVerifier(BundleVerifier bundleVerifier, VerificationPolicy policy) {
    this.bundleVerifier = bundleVerifier;
    this.policy = policy;
  }

  /**
   * One result per artifact of the policy, in order; the bundle is verified once.
   *
   * @param line where the bundle stands in its file, for the report
   */
  List<ArtifactResult> verify(MessageSignatureBundle bundle, int line) {
    List<Artifact> artifacts = policy.artifacts();
    VerifiedBlob verified;
    CertificateIdentity identity;
    try {
      verified = bundleVerifier.verify(bundle);
      identity = CertificateIdentity.of(verified.certificate());
      policy.identity().check(identity);
    } catch (VerificationException e) {
      return ArtifactResult.failedAll(artifacts, Failure.of(e));
    } catch (PolicyException e) {
      return ArtifactResult.failedAll(artifacts, Failure.of(e));
    }
    String signedSha256 = HexFormat.of().formatHex(verified.sha256());
    return artifacts.stream()
        .map(artifact -> result(artifact, line, verified, identity, signedSha256))
        .toList();
  }

  private static ArtifactResult result(
      Artifact artifact,
      int line,
      VerifiedBlob verified,
      CertificateIdentity identity,
      String signedSha256) {
    if (!artifact.sha256().equals(signedSha256)) {
      return ArtifactResult.failed(
          artifact,
          Failure.of(
              new PolicyException(
                  PolicyCheck.SUBJECT_DIGEST,
                  "a signature over " + artifact.name() + "'s digest sha256:" + artifact.sha256(),
                  "one over sha256:" + signedSha256)));
    }
    // A blob signature has no statement: its one "subject" is the signed digest.
    StatementClaims claims =
        new StatementClaims(
            "",
            "",
            List.of(new StatementSubject(artifact.name(), Optional.of(signedSha256))),
            "",
            "",
            "",
            Optional.empty());
    return ArtifactResult.verified(
        artifact,
        new VerifiedProvenance(
            line,
            "",
            identity,
            claims,
            new byte[0],
            verified.integratedTime(),
            verified.logEntry().logIndex()));
  }
}
