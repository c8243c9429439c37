package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactVerifierTest {
  @Test
  void aLegacySignatureWithoutALookupIsRefusedAsOffline() throws Exception {
    TrustedRoot root = TrustedRoot.parse(Fixtures.bytes(Fixtures.PUBLIC_GOOD_TRUSTED_ROOT));
    SigstoreBundle bundle = SigstoreBundle.parse(Fixtures.text(Fixtures.SLSA_GENERATOR_JSONL));
    VerificationPolicy policy =
        VerificationPolicy.provenance(
                List.of(new Artifact("a.whl", "00".repeat(32))),
                IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER))
            .withLegacyEnvelopes();
    // As ProvenanceFile reads a legacy envelope when its entry can be looked up: the verifier made
    // without a lookup refuses it as the file's reading would offline.
    ProvenanceFile.Entry legacy =
        new ProvenanceFile.Entry.LegacySignature(3, bundle.envelope(), bundle.certificate());

    List<ArtifactResult> results = ArtifactVerifier.create(root, policy).verify(List.of(legacy));

    assertEquals(1, results.size());
    Failure failure = results.get(0).failure().orElseThrow();
    assertEquals("PROVENANCE_FORMAT", failure.check());
    assertTrue(
        failure
            .message()
            .startsWith(
                "line 3: PROVENANCE_FORMAT: expected a Sigstore bundle, found a bare DSSE envelope"),
        failure.message());
    assertTrue(failure.message().endsWith("which --offline forbids: drop --offline"));
  }
}
