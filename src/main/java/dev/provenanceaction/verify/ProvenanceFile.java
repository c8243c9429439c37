package dev.provenanceaction.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.bundle.BundleFormatException;
import dev.provenanceaction.sigstore.bundle.MessageSignatureBundle;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Sigstore bundles of a provenance file: a {@code .intoto.jsonl} with one bundle per line
 * (several after merged rebuilds), or a single bundle document, pretty-printed or not, as GitHub's
 * attest action writes it.
 */
public final class ProvenanceFile {
  static final String LEGACY_ENVELOPE_MESSAGE =
      "a bare DSSE envelope with signatures[].cert and no verification material (the format of"
          + " slsa-github-generator v1.x); verifying it needs its entry looked up in Rekor online,"
          + " which this verifier does not do yet, online or offline: regenerate the provenance"
          + " with slsa-github-generator v2 or later, or verify it with slsa-verifier";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ProvenanceFile() {}

  /**
   * A bundle and where it starts in the file.
   *
   * @param line the 1-based line its JSON document starts on
   * @param bundle the bundle
   */
  public record Entry(int line, SigstoreBundle bundle) {}

  /**
   * Reads every JSON document of the file as a bundle, whatever whitespace separates them.
   *
   * @throws PolicyException with {@link PolicyCheck#PROVENANCE_FORMAT} naming the line and what is
   *     wrong with it, or the legacy format it is in
   */
  public static List<Entry> parse(String text) throws PolicyException {
    List<Entry> entries = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      while (documents.hasNextValue()) {
        int line = documents.getParser().currentTokenLocation().getLineNr();
        JsonNode document = documents.nextValue();
        entries.add(new Entry(line, bundle(line, document)));
      }
    } catch (IOException e) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT,
          "Sigstore bundles in JSON, one per line",
          "unreadable JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (entries.isEmpty()) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT, "at least one Sigstore bundle", "an empty file");
    }
    return entries;
  }

  private static SigstoreBundle bundle(int line, JsonNode document) throws PolicyException {
    if (isLegacyEnvelope(document)) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT,
          "a Sigstore bundle on line " + line,
          LEGACY_ENVELOPE_MESSAGE);
    }
    try {
      return SigstoreBundle.parse(document.toString());
    } catch (BundleFormatException e) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT,
          "a Sigstore bundle with a DSSE envelope on line " + line,
          e.getMessage());
    }
  }

  /** Whether the file's first document is a bundle that signs a blob rather than a statement. */
  static boolean holdsMessageSignature(String text) {
    try {
      JsonNode document = MAPPER.readTree(text);
      return document != null && document.has("messageSignature");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads a file holding one bundle with a {@code messageSignature}.
   *
   * @throws PolicyException with {@link PolicyCheck#PROVENANCE_FORMAT} naming the bad field
   */
  static MessageSignatureBundle parseMessageSignature(String text) throws PolicyException {
    try {
      return MessageSignatureBundle.parse(text.strip());
    } catch (BundleFormatException e) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT,
          "a Sigstore bundle with a message signature",
          e.getMessage());
    }
  }

  private static boolean isLegacyEnvelope(JsonNode document) {
    return document.has("payloadType")
        && document.has("signatures")
        && !document.has("verificationMaterial");
  }
}
