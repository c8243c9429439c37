package dev.provenanceaction.verify;

import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.sigstore.encryption.certificates.transparency.CTVerificationResult;
import dev.sigstore.encryption.certificates.transparency.VerifiedSCT;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * At least one SCT embedded in the leaf must be signed by a trusted CT log, at a time that log's
 * key was valid: Fulcio logs each certificate it issues so that mis-issuance can be seen.
 */
final class SctCheck {
  private final TrustedRoot root;

  SctCheck(TrustedRoot root) {
    this.root = root;
  }

  /**
   * @param chain leaf first, its issuer second
   */
  void check(List<X509Certificate> chain) throws VerificationException {
    CTVerificationResult result;
    try {
      result = EmbeddedScts.verify(chain, root);
    } catch (RuntimeException e) {
      throw new VerificationException(
          Check.SCT, "could not read the leaf's embedded SCTs: " + e.getMessage(), e);
    }
    List<String> found = new ArrayList<>();
    for (VerifiedSCT verified : result.getValidSCTs()) {
      byte[] logId = verified.sct.getLogID();
      Instant timestamp = Instant.ofEpochMilli(verified.sct.getTimestamp());
      Optional<Log> log = root.ctLog(logId);
      if (log.isPresent() && log.get().validFor().contains(timestamp)) {
        return;
      }
      found.add(describe(logId) + " signed at " + timestamp + " outside the log key's validity");
    }
    for (VerifiedSCT invalid : result.getInvalidSCTs()) {
      byte[] logId = invalid.sct.getLogID();
      found.add(
          describe(logId)
              + " "
              + invalid.status
              + root.unusableLog(logId)
                  .map(unusable -> " (" + unusable.describe() + ")")
                  .orElse(""));
    }
    throw new VerificationException(
        Check.SCT,
        "expected an SCT signed by one of "
            + root.ctLogs().size()
            + " trusted CT logs, found "
            + (found.isEmpty() ? "none in the leaf" : String.join("; ", found)));
  }

  private static String describe(byte[] logId) {
    return "SCT from log " + Base64.getEncoder().encodeToString(logId);
  }
}
