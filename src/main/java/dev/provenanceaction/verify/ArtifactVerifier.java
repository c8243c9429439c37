package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies artifacts against the bundles of a provenance file: each artifact against the bundle
 * whose statement lists its digest, so that after merged rebuilds each artifact may be vouched for
 * by a different line. A bundle passes when its cryptography holds, its certificate meets the
 * {@link IdentityPolicy}, and, for provenance, its SLSA predicate agrees with its certificate.
 */
public final class ArtifactVerifier {
  private final BundleVerifier bundleVerifier;
  private final IdentityPolicy policy;
  private final boolean slsaProvenance;
  private final LegacyLookup legacyLookup;

  private ArtifactVerifier(
      BundleVerifier bundleVerifier,
      IdentityPolicy policy,
      boolean slsaProvenance,
      LegacyLookup legacyLookup) {
    this.bundleVerifier = bundleVerifier;
    this.policy = policy;
    this.slsaProvenance = slsaProvenance;
    this.legacyLookup = legacyLookup;
  }

  /**
   * Looks the log entries of legacy envelopes up with this; without it they are refused as offline.
   */
  ArtifactVerifier withLegacyLookup(LegacyLookup legacyLookup) {
    return new ArtifactVerifier(bundleVerifier, policy, slsaProvenance, legacyLookup);
  }

  /**
   * Requires SLSA provenance v1 or v0.2 whose builder, repository and ref are the certificate's.
   */
  public static ArtifactVerifier forProvenance(TrustedRoot root, IdentityPolicy policy) {
    return new ArtifactVerifier(BundleVerifier.create(root), policy, true, LegacyLookup.refused());
  }

  /** Accepts an in-toto statement with any predicate. */
  public static ArtifactVerifier forStatements(TrustedRoot root, IdentityPolicy policy) {
    return new ArtifactVerifier(BundleVerifier.create(root), policy, false, LegacyLookup.refused());
  }

  /** One result per artifact, in order; each bundle is verified at most once. */
  public List<ArtifactResult> verify(List<ProvenanceFile.Entry> entries, List<Artifact> artifacts) {
    Map<ProvenanceFile.Entry, Outcome> outcomes = new IdentityHashMap<>();
    List<ArtifactResult> results = new ArrayList<>();
    for (Artifact artifact : artifacts) {
      results.add(verify(artifact, entries, outcomes));
    }
    return results;
  }

  private ArtifactResult verify(
      Artifact artifact,
      List<ProvenanceFile.Entry> entries,
      Map<ProvenanceFile.Entry, Outcome> outcomes) {
    List<ProvenanceFile.Entry> candidates =
        entries.stream()
            .filter(
                entry ->
                    ProvenanceClaims.subjectSha256s(entry.envelope().payload())
                        .contains(artifact.sha256()))
            .toList();
    if (candidates.isEmpty() && entries.size() == 1) {
      // With one bundle, a broken bundle is a better answer than a missing digest.
      candidates = entries;
    }
    Failure firstFailure = null;
    for (ProvenanceFile.Entry entry : candidates) {
      Outcome outcome = outcomes.computeIfAbsent(entry, this::verifyEntry);
      if (outcome.failure().isPresent()) {
        firstFailure = firstFailure == null ? outcome.failure().get() : firstFailure;
        continue;
      }
      VerifiedProvenance provenance = outcome.provenance().get();
      if (provenance.claims().subjectWithSha256(artifact.sha256()).isPresent()) {
        return ArtifactResult.verified(artifact, provenance);
      }
    }
    if (firstFailure != null) {
      return ArtifactResult.failed(artifact, firstFailure);
    }
    return ArtifactResult.failed(
        artifact,
        Failure.of(
            new PolicyException(
                PolicyCheck.SUBJECT_DIGEST,
                "a subject with "
                    + artifact.name()
                    + "'s digest sha256:"
                    + artifact.sha256()
                    + " in one of "
                    + entries.size()
                    + " bundle(s)",
                "none")));
  }

  private Outcome verifyEntry(ProvenanceFile.Entry entry) {
    String where = entry.place() + ": ";
    try {
      VerifiedBundle verified = bundleVerifier.verify(bundleOf(entry));
      CertificateIdentity identity = CertificateIdentity.of(verified.certificate());
      policy.check(identity);
      ProvenanceClaims claims;
      if (slsaProvenance) {
        claims = ProvenanceClaims.parse(verified.statement());
        claims.checkAgainst(identity);
      } else {
        claims = ProvenanceClaims.parseStatement(verified.statement());
      }
      return new Outcome(
          Optional.of(
              new VerifiedProvenance(
                  entry.line(),
                  entry.path(),
                  identity,
                  claims,
                  verified.statement(),
                  verified.integratedTime(),
                  verified.logEntry().logIndex())),
          Optional.empty());
    } catch (VerificationException e) {
      return failed(where, Failure.of(e));
    } catch (PolicyException e) {
      return failed(where, Failure.of(e));
    }
  }

  /** The entry's bundle; for a legacy envelope's signature, made with the entry looked up. */
  private SigstoreBundle bundleOf(ProvenanceFile.Entry entry) throws PolicyException {
    if (!entry.isLegacy()) {
      return entry.bundle();
    }
    return new SigstoreBundle(
        entry.legacyCertificate(),
        legacyLookup.find(entry.envelope(), entry.legacyCertificate()),
        entry.envelope());
  }

  private static Outcome failed(String where, Failure failure) {
    return new Outcome(
        Optional.empty(), Optional.of(new Failure(failure.check(), where + failure.message())));
  }

  private record Outcome(Optional<VerifiedProvenance> provenance, Optional<Failure> failure) {}
}
