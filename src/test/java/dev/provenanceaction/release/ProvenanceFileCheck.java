package dev.provenanceaction.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.verify.BundleVerifier;
import dev.provenanceaction.verify.VerifiedBundle;
import java.util.List;

/** What a user does before installing: find the artifact's bundle in the file and verify it. */
final class ProvenanceFileCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProvenanceFileCheck() {}

  /** The verified bundle whose statement names the artifact with its digest, or null. */
  static VerifiedBundle verifiedBundleFor(List<String> lines, String artifact) throws Exception {
    BundleVerifier verifier = BundleVerifier.create(SignedProvenance.SIGSTORE.trustedRoot());
    for (String line : lines) {
      VerifiedBundle verified = verifier.verify(SigstoreBundle.parse(line));
      JsonNode statement = JSON.readTree(verified.statement());
      for (JsonNode subject : statement.path("subject")) {
        if (subject.path("name").asText().equals(artifact)
            && subject
                .path("digest")
                .path("sha256")
                .asText()
                .equals(SignedProvenance.digestOf(artifact))) {
          return verified;
        }
      }
    }
    return null;
  }
}
