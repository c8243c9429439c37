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

/**
 * The Sigstore bundles of a provenance file: a {@code .intoto.jsonl} with one bundle per line
 * (several after merged rebuilds), a single bundle document, pretty-printed or not, as GitHub's
 * attest action writes it, or PyPI's PEP 740 documents: an attestation object ({@code
 * <dist>.*.attestation}) or a file's provenance object, each attestation read as its bundle.
 */
public final class ProvenanceFile {
  static final String LEGACY_FORMAT =
      "a bare DSSE envelope with signatures[].cert and no verification material (the format of"
          + " slsa-github-generator v1.x)";
  static final String LEGACY_OFFLINE_MESSAGE =
      LEGACY_FORMAT
          + "; verifying it needs its entry looked up in Rekor online, which --offline forbids:"
          + " drop --offline";
  static final String LEGACY_BUNDLES_ONLY_MESSAGE =
      LEGACY_FORMAT
          + "; verify-bundle takes Sigstore bundles only: verify it with verify-artifact, which"
          + " looks its entry up in Rekor";

  private ProvenanceFile() {}

  /**
   * A bundle, or one signature of a legacy envelope whose log entry is still to be looked up, and
   * where it starts in the file.
   */
  public static final class Entry {
    private final int line;
    private final String path;
    private final DsseEnvelope envelope;
    private final SigstoreBundle bundle;
    private final X509Certificate legacyCertificate;
    private final MessageSignatureBundle blob;

    private Entry(
        int line,
        String path,
        DsseEnvelope envelope,
        SigstoreBundle bundle,
        X509Certificate legacyCertificate,
        MessageSignatureBundle blob) {
      this.line = line;
      this.path = path;
      this.envelope = envelope;
      this.bundle = bundle;
      this.legacyCertificate = legacyCertificate;
      this.blob = blob;
    }

    /**
     * @param line the 1-based line its JSON document starts on
     * @param bundle the bundle
     */
    public Entry(int line, SigstoreBundle bundle) {
      this(line, "", bundle.envelope(), bundle, null, null);
    }

    /**
     * A bundle that is one of several in the document starting on {@code line}, at {@code path},
     * such as {@code attestation_bundles[0].attestations[1]} in a PEP 740 provenance object.
     */
    static Entry within(int line, String path, SigstoreBundle bundle) {
      return new Entry(line, path, bundle.envelope(), bundle, null, null);
    }

    /** One signature of a legacy envelope, with the certificate its {@code cert} holds. */
    static Entry legacy(int line, DsseEnvelope envelope, X509Certificate certificate) {
      return new Entry(line, "", envelope, null, certificate, null);
    }

    /** A bundle that signs a blob, the one document of its file. */
    static Entry blob(int line, MessageSignatureBundle blob) {
      return new Entry(line, "", null, null, null, blob);
    }

    /** The 1-based line its JSON document starts on. */
    public int line() {
      return line;
    }

    /** Its path within that document when the document holds several bundles, else empty. */
    public String path() {
      return path;
    }

    /** {@code line N}, and the path when there is one, for messages. */
    public String place() {
      return path.isEmpty() ? "line " + line : "line " + line + " " + path;
    }

    /**
     * The envelope, with the one signature this entry stands for.
     *
     * @throws IllegalStateException for a blob's bundle, which signs no envelope
     */
    public DsseEnvelope envelope() {
      if (envelope == null) {
        throw new IllegalStateException("a blob's bundle has no envelope");
      }
      return envelope;
    }

    /** Whether this is a legacy envelope's signature, without a log entry of its own. */
    public boolean isLegacy() {
      return legacyCertificate != null;
    }

    /** Whether this is a bundle that signs a blob rather than a statement. */
    public boolean isBlob() {
      return blob != null;
    }

    /**
     * The bundle of a bundle entry.
     *
     * @throws IllegalStateException for a legacy entry, which has none until it is looked up, and
     *     for a blob's bundle
     */
    public SigstoreBundle bundle() {
      if (bundle == null) {
        throw new IllegalStateException(
            isBlob()
                ? "a blob's bundle signs no statement"
                : "a legacy envelope has no bundle before its lookup");
      }
      return bundle;
    }

    /** The bundle of a blob entry. */
    MessageSignatureBundle blobBundle() {
      if (blob == null) {
        throw new IllegalStateException("the bundle signs a statement, not a blob");
      }
      return blob;
    }

    /** The certificate of a legacy entry's signature. */
    X509Certificate legacyCertificate() {
      return legacyCertificate;
    }
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
        policy.legacyEnvelopes() && canLookUp,
        policy.statement() == VerificationPolicy.StatementRule.ANY_PREDICATE_OR_BLOB,
        policy.legacyEnvelopes() ? LEGACY_OFFLINE_MESSAGE : LEGACY_BUNDLES_ONLY_MESSAGE);
  }

  private static List<Entry> parse(
      String text, boolean legacyAllowed, boolean blobAllowed, String legacyRefusal)
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
        return List.of(Entry.blob(line, blob(document)));
      }
      if (has(document, "attestation_bundles")) {
        entries.addAll(Pep740Entries.ofProvenance(line, document));
      } else if (has(document, "verification_material") || has(document, "envelope")) {
        // A bundle's envelope is "dsseEnvelope": "envelope" is PEP 740's alone.
        entries.add(Pep740Entries.ofAttestation(line, document));
      } else if (isLegacyEnvelope(document)) {
        if (!legacyAllowed) {
          throw new PolicyException(
              PolicyCheck.PROVENANCE_FORMAT, "a Sigstore bundle on line " + line, legacyRefusal);
        }
        entries.addAll(LegacyEntries.of(line, document));
      } else {
        entries.add(new Entry(line, bundle(line, document)));
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
