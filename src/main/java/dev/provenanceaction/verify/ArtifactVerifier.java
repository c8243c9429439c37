package dev.provenanceaction.verify;

import dev.provenanceaction.provenance.StatementClaims;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.verify.ProvenanceFile.Entry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies the artifacts of a {@link VerificationPolicy} against the bundles of a provenance file:
 * each artifact against the bundle whose statement lists its digest, so that after merged rebuilds
 * each artifact may be vouched for by a different line. A bundle passes when its cryptography
 * holds, its certificate meets the policy's identity, and, for provenance, its SLSA predicate
 * agrees with its certificate. A file whose one bundle signs a blob is verified by {@link
 * BlobVerifier}, when the policy accepts one.
 */
public final class ArtifactVerifier {
  private final BundleVerifier bundleVerifier;
  private final VerificationPolicy policy;
  private final Optional<LegacyLookup> legacyLookup;

  private ArtifactVerifier(
      BundleVerifier bundleVerifier,
      VerificationPolicy policy,
      Optional<LegacyLookup> legacyLookup) {
    this.bundleVerifier = bundleVerifier;
    this.policy = policy;
    this.legacyLookup = legacyLookup;
  }

  /**
   * Looks the log entries of legacy envelopes up with this; without it they are refused as offline.
   */
  public ArtifactVerifier withLegacyLookup(LegacyLookup legacyLookup) {
    return new ArtifactVerifier(bundleVerifier, policy, Optional.of(legacyLookup));
  }

  /** Verifies against this trusted root and policy; legacy envelopes are refused as offline. */
  public static ArtifactVerifier create(TrustedRoot root, VerificationPolicy policy) {
    return new ArtifactVerifier(BundleVerifier.create(root), policy, Optional.empty());
  }

  /**
   * One result per artifact of the policy, in order; each bundle is verified at most once, and each
   * statement read once.
   *
   * @param entries the entries {@link ProvenanceFile#parse(String, VerificationPolicy, boolean)}
   *     read with this verifier's policy
   */
  public List<ArtifactResult> verify(List<Entry> entries) {
    if (entries.size() == 1 && entries.get(0) instanceof Entry.BlobBundle blob) {
      return new BlobVerifier(bundleVerifier, policy).verify(blob.bundle(), blob.line());
    }
    Map<Entry, Outcome> outcomes = new IdentityHashMap<>();
    // Read before any check, to pick which bundle to verify for an artifact; the checks that
    // follow take the same reading, for the same bytes are what the signature covers.
    Map<Entry, Statement> statements = new IdentityHashMap<>();
    for (Entry entry : entries) {
      statements.put(entry, Statement.read(envelopeOf(entry).payload()));
    }
    List<ArtifactResult> results = new ArrayList<>();
    for (Artifact artifact : policy.artifacts()) {
      results.add(verify(artifact, entries, statements, outcomes));
    }
    return results;
  }

  private ArtifactResult verify(
      Artifact artifact,
      List<Entry> entries,
      Map<Entry, Statement> statements,
      Map<Entry, Outcome> outcomes) {
    List<Entry> candidates =
        entries.stream()
            .filter(entry -> statements.get(entry).subjectSha256s().contains(artifact.sha256()))
            .toList();
    if (candidates.isEmpty() && entries.size() == 1) {
      // With one bundle, a broken bundle is a better answer than a missing digest.
      candidates = entries;
    }
    Failure firstFailure = null;
    for (Entry entry : candidates) {
      Outcome outcome =
          outcomes.computeIfAbsent(entry, each -> verifyEntry(each, statements.get(each)));
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

  private Outcome verifyEntry(Entry entry, Statement statement) {
    String where = entry.place() + ": ";
    try {
      VerifiedBundle verified = bundleVerifier.verify(bundleOf(entry));
      CertificateIdentity identity = CertificateIdentity.of(verified.certificate());
      policy.identity().check(identity);
      StatementClaims claims = statement.claims();
      if (policy.statement() == VerificationPolicy.StatementRule.PROVENANCE_OF_THE_CERTIFICATE) {
        ProvenanceChecks.requireProvenance(claims);
        ProvenanceChecks.checkAgainst(claims, identity);
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

  /** The envelope of a statement's entry; a blob's bundle is the one entry of its file. */
  private static DsseEnvelope envelopeOf(Entry entry) {
    if (entry instanceof Entry.LegacySignature legacy) {
      return legacy.envelope();
    }
    return ((Entry.Bundle) entry).bundle().envelope();
  }

  /**
   * The entry's bundle; for a legacy envelope's signature, made with the entry looked up, which
   * without a lookup is refused as {@link LegacyEntries#refusal} says.
   */
  private SigstoreBundle bundleOf(Entry entry) throws PolicyException {
    if (!(entry instanceof Entry.LegacySignature legacy)) {
      return ((Entry.Bundle) entry).bundle();
    }
    if (legacyLookup.isEmpty()) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT,
          "a Sigstore bundle",
          LegacyEntries.refusal(policy, false).orElseThrow());
    }
    return new SigstoreBundle(
        legacy.certificate(),
        legacyLookup.get().find(legacy.envelope(), legacy.certificate()),
        legacy.envelope());
  }

  private static Outcome failed(String where, Failure failure) {
    return new Outcome(
        Optional.empty(), Optional.of(new Failure(failure.check(), where + failure.message())));
  }

  private record Outcome(Optional<VerifiedProvenance> provenance, Optional<Failure> failure) {}

  /**
   * An envelope's statement, read once: its claims and their subjects' SHA-256 digests, or why it
   * is no statement, a failure that counts only once the bundle's signature and certificate have
   * passed.
   */
  private record Statement(
      Optional<StatementClaims> read,
      Set<String> subjectSha256s,
      Optional<PolicyException> unreadable) {
    static Statement read(byte[] payload) {
      try {
        StatementClaims claims = ProvenanceChecks.readStatement(payload);
        return new Statement(
            Optional.of(claims),
            claims.subjects().stream()
                .flatMap(subject -> subject.sha256().stream())
                .collect(Collectors.toUnmodifiableSet()),
            Optional.empty());
      } catch (PolicyException e) {
        return new Statement(Optional.empty(), Set.of(), Optional.of(e));
      }
    }

    StatementClaims claims() throws PolicyException {
      if (unreadable.isPresent()) {
        throw unreadable.get();
      }
      return read.get();
    }
  }
}
