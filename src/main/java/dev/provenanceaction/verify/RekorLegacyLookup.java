package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.rekor.RekorEntryJson;
import dev.provenanceaction.sigstore.rekor.RekorTransparencyLog;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * Looks a legacy envelope's entry up in Rekor v1 as slsa-verifier does: an index search by the
 * SHA-256 of the in-toto payload (an {@code intoto} entry is indexed under it), then the entries
 * found. The entry kept is the first {@code intoto} one that records this signature and
 * certificate; failing that the first {@code intoto} one, so that the log body check names what it
 * records instead. Nothing here is trusted: the caller verifies the entry like any bundle's.
 */
public final class RekorLegacyLookup implements LegacyLookup {
  /** The entries fetched at most for one payload; re-runs log the same payload a few times. */
  static final int MAX_ENTRIES = 32;

  private final RekorTransparencyLog rekor;

  public RekorLegacyLookup(RekorTransparencyLog rekor) {
    this.rekor = rekor;
  }

  @Override
  public LogEntry find(DsseEnvelope envelope, X509Certificate certificate) throws PolicyException {
    String payloadSha256 = HexFormat.of().formatHex(Digests.sha256(envelope.payload()));
    String expected =
        "an intoto entry for the payload sha256:"
            + payloadSha256
            + " in Rekor at "
            + rekor.baseUrl();
    List<RekorEntryJson.Entry> found;
    try {
      found = rekor.searchBySha256(payloadSha256, MAX_ENTRIES);
    } catch (SigstoreException e) {
      throw new PolicyException(PolicyCheck.REKOR_LOOKUP, expected, "a failure: " + e.getMessage());
    }
    List<LogEntry> intoto =
        found.stream()
            .map(RekorEntryJson.Entry::logEntry)
            .filter(entry -> entry.kind().equals(IntotoBodyCheck.KIND))
            .toList();
    if (intoto.isEmpty()) {
      throw new PolicyException(
          PolicyCheck.REKOR_LOOKUP,
          expected,
          found.isEmpty() ? "no entry" : found.size() + " entries of other kinds: " + kinds(found));
    }
    for (LogEntry entry : intoto) {
      try {
        IntotoBodyCheck.check(entry, envelope, certificate);
        return entry;
      } catch (VerificationException e) {
        // Another signature over the same payload; the next entry may be ours.
      }
    }
    return intoto.get(0);
  }

  private static String kinds(List<RekorEntryJson.Entry> entries) {
    return entries.stream()
        .map(entry -> entry.logEntry().kind() + " " + entry.logEntry().version())
        .distinct()
        .toList()
        .toString();
  }
}
