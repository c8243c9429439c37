package dev.provenanceaction.verify;

import java.util.List;
import java.util.Optional;

/**
 * The outcome for one artifact: the provenance that vouches for it, or why none does.
 *
 * @param artifact the artifact
 * @param provenance the verified provenance whose subjects hold its digest, if verified
 * @param failure why it did not verify, if it did not
 */
public record ArtifactResult(
    Artifact artifact, Optional<VerifiedProvenance> provenance, Optional<Failure> failure) {
  public ArtifactResult {
    if (provenance.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("exactly one of provenance and failure");
    }
  }

  static ArtifactResult verified(Artifact artifact, VerifiedProvenance provenance) {
    return new ArtifactResult(artifact, Optional.of(provenance), Optional.empty());
  }

  public static ArtifactResult failed(Artifact artifact, Failure failure) {
    return new ArtifactResult(artifact, Optional.empty(), Optional.of(failure));
  }

  public boolean isVerified() {
    return provenance.isPresent();
  }

  /** The same failure for each artifact, in order: nothing could be checked for any of them. */
  public static List<ArtifactResult> failedAll(List<Artifact> artifacts, Failure failure) {
    return artifacts.stream().map(artifact -> failed(artifact, failure)).toList();
  }
}
