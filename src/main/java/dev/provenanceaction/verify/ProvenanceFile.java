package dev.provenanceaction.verify;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.BundleFormatException;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Sigstore bundles of a provenance file: a {@code .intoto.jsonl} with one bundle per line
 * (several after merged rebuilds), a single bundle document, pretty-printed or not, as GitHub's
 * attest action writes it, or PyPI's PEP 740 documents: an attestation object ({@code
 * <dist>.*.attestation}) or a file's provenance object, each attestation read as its bundle.
 */
public final class ProvenanceFile {
  private ProvenanceFile() {}

  /** What one entry of the file is to verify, and where its JSON document starts in the file. */
  public sealed interface Entry {
    /** The 1-based line its JSON document starts on. */
    int line();

    /** Its path within that document when the document holds several bundles, else empty. */
    default String path() {
      return "";
    }

    /** {@code line N}, and the path when there is one, for messages. */
    default String place() {
      return path().isEmpty() ? "line " + line() : "line " + line() + " " + path();
    }

    /**
     * A bundle of a statement.
     *
     * @param path where it is when it is one of several in its document, such as {@code
     *     attestation_bundles[0].attestations[1]} in a PEP 740 provenance object, else empty
     */
    record Bundle(int line, String path, SigstoreBundle bundle) implements Entry {
      /** The one bundle of its document. */
      public Bundle(int line, SigstoreBundle bundle) {
        this(line, "", bundle);
      }
    }

    /** A bundle that signs a blob rather than a statement, the one document of its file. */
    record BlobBundle(int line, MessageSignatureBundle bundle) implements Entry {}

    /**
     * One signature of a legacy envelope, whose log entry is still to be looked up.
     *
     * @param envelope the envelope, with this one signature
     * @param certificate the certificate the signature's {@code cert} holds
     */
    record LegacySignature(int line, DsseEnvelope envelope, X509Certificate certificate)
        implements Entry {}
  }

  /**
   * Reads every JSON document of the file, each parsed once, into what the policy accepts: bundles
   * of a statement, and, as it says, a bundle that signs a blob (the file's one document), or a
   * legacy envelope: one entry for each of its signatures with a {@code cert}.
   *
   * @param canLookUp whether a legacy envelope's log entry can be looked up; without it (offline)
   *     legacy envelopes are refused even when the policy accepts them
   * @throws PolicyException with {@link PolicyCheck#PROVENANCE_FORMAT} naming the line and what is
   *     wrong with it, or the legacy format it is in when legacy envelopes are not read
   */
  public static List<Entry> parse(String text, VerificationPolicy policy, boolean canLookUp)
      throws PolicyException {
    return parse(
        text,
        LegacyEntries.refusal(policy, canLookUp),
        policy.statement() == VerificationPolicy.StatementRule.ANY_PREDICATE_OR_BLOB);
  }

  /**
   * @param legacyRefusal why a legacy envelope is refused, empty when it is read
   */
  private static List<Entry> parse(String text, Optional<String> legacyRefusal, boolean blobAllowed)
      throws PolicyException {
    List<JsonValue.Document> documents;
    try {
      // Each document parsed once, here, and its repeated keys refused.
      documents = JsonValue.parseAll(text);
    } catch (IOException e) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT,
          "Sigstore bundles in JSON, one per line",
          "unreadable JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    List<Entry> entries = new ArrayList<>();
    for (JsonValue.Document each : documents) {
      int line = each.line();
      JsonValue document = each.value();
      if (blobAllowed && has(document, "messageSignature")) {
        if (documents.size() > 1) {
          throw new PolicyException(
              PolicyCheck.PROVENANCE_FORMAT,
              "a bundle that signs a blob alone in its file, as on line " + line,
              documents.size() + " JSON documents");
        }
        return List.of(new Entry.BlobBundle(line, blob(document)));
      }
      if (has(document, "attestation_bundles")) {
        entries.addAll(Pep740Entries.ofProvenance(line, document));
      } else if (has(document, "verification_material") || has(document, "envelope")) {
        // A bundle's envelope is "dsseEnvelope": "envelope" is PEP 740's alone.
        entries.add(Pep740Entries.ofAttestation(line, document));
      } else if (isLegacyEnvelope(document)) {
        if (legacyRefusal.isPresent()) {
          throw new PolicyException(
              PolicyCheck.PROVENANCE_FORMAT,
              "a Sigstore bundle on line " + line,
              legacyRefusal.get());
        }
        entries.addAll(LegacyEntries.of(line, document));
      } else {
        entries.add(new Entry.Bundle(line, bundle(line, document)));
      }
    }
    if (entries.isEmpty()) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT, "at least one Sigstore bundle", "an empty file");
    }
    return entries;
  }

  private static SigstoreBundle bundle(int line, JsonValue document) throws PolicyException {
    try {
      return SigstoreBundle.parse(document);
    } catch (BundleFormatException e) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT,
          "a Sigstore bundle with a DSSE envelope on line " + line,
          e.getMessage());
    }
  }

  /** A bundle with a {@code messageSignature}, the one document of its file. */
  private static MessageSignatureBundle blob(JsonValue document) throws PolicyException {
    try {
      return MessageSignatureBundle.parse(document);
    } catch (BundleFormatException e) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT,
          "a Sigstore bundle with a message signature",
          e.getMessage());
    }
  }

  private static boolean isLegacyEnvelope(JsonValue document) {
    return has(document, "payloadType")
        && has(document, "signatures")
        && !has(document, "verificationMaterial");
  }

  /** Whether an object has this member, null or not, as Jackson's {@code has}. */
  private static boolean has(JsonValue document, String name) {
    return !document.get(name).isMissing();
  }
}
