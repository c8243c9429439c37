package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.util.List;

/**
 * A provenance file's text verified with the library as a caller does (read, then verify against a
 * trusted root), for the tests of the checks that the commands' tests would otherwise drive.
 */
final class ProvenanceVerification {
  private ProvenanceVerification() {}

  /** One result per artifact of the policy; no legacy envelope is looked up. */
  static List<ArtifactResult> verify(String text, TrustedRoot root, VerificationPolicy policy)
      throws PolicyException {
    return ArtifactVerifier.create(root, policy).verify(ProvenanceFile.parse(text, policy, false));
  }

  /** The policy's one artifact, which must verify. */
  static VerifiedProvenance verified(String text, TrustedRoot root, VerificationPolicy policy)
      throws PolicyException {
    ArtifactResult result = only(verify(text, root, policy));
    assertTrue(result.isVerified(), () -> result.failure().get().message());
    return result.provenance().get();
  }

  /**
   * Why the policy's one artifact does not verify, whether the file cannot be read as the policy
   * takes it or a check fails; it must not verify.
   */
  static Failure failure(String text, TrustedRoot root, VerificationPolicy policy) {
    ArtifactResult result;
    try {
      result = only(verify(text, root, policy));
    } catch (PolicyException e) {
      return Failure.of(e);
    }
    assertTrue(result.failure().isPresent(), "verified, expected a failure");
    return result.failure().get();
  }

  private static ArtifactResult only(List<ArtifactResult> results) {
    assertEquals(1, results.size());
    return results.get(0);
  }
}
