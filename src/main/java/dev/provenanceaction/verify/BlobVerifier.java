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
  private static final int LINE = 1;

  private final BundleVerifier bundleVerifier;
  private final VerificationPolicy policy;

  BlobVerifier(BundleVerifier bundleVerifier, VerificationPolicy policy) {
    this.bundleVerifier = bundleVerifier;
    this.policy = policy;
  }

  /** One result per artifact of the policy, in order; the bundle is verified once. */
  List<ArtifactResult> verify(MessageSignatureBundle bundle) {
    List<Artifact> artifacts = policy.artifacts();
    VerifiedBlob verified;
    CertificateIdentity identity;
    try {
      verified = bundleVerifier.verify(bundle);
      identity = CertificateIdentity.of(verified.certificate());
      policy.identity().check(identity);
    } catch (VerificationException e) {
      return failAll(artifacts, Failure.of(e));
    } catch (PolicyException e) {
      return failAll(artifacts, Failure.of(e));
    }
    String signedSha256 = HexFormat.of().formatHex(verified.sha256());
    return artifacts.stream()
        .map(artifact -> result(artifact, verified, identity, signedSha256))
        .toList();
  }

  private static ArtifactResult result(
      Artifact artifact, VerifiedBlob verified, CertificateIdentity identity, String signedSha256) {
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
            LINE,
            "",
            identity,
            claims,
            new byte[0],
            verified.integratedTime(),
            verified.logEntry().logIndex()));
  }

  private static List<ArtifactResult> failAll(List<Artifact> artifacts, Failure failure) {
    return artifacts.stream().map(artifact -> ArtifactResult.failed(artifact, failure)).toList();
  }
}
