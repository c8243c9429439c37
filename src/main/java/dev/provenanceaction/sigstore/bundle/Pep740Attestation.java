package dev.provenanceaction.sigstore.bundle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.ProtoJson;
import dev.provenanceaction.sigstore.ProtoJsonException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.TransparencyLogEntryJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A PyPI attestation object (PEP 740), the {@code <dist>.*.attestation} file that PyPI serves and
 * that {@code pypi-attestations} and {@code gh-action-pypi-publish} write, as the model {@code
 * Attestation} of {@code pypi-attestations} defines it:
 *
 * <pre>{"version": 1,
 *  "verification_material": {"certificate": base64(DER), "transparency_entries": [entry],
 *                            "timestamps": [base64(RFC 3161 response)] (optional)},
 *  "envelope": {"statement": base64(in-toto statement), "signature": base64(DER signature)}}</pre>
 *
 * Each entry is a {@code TransparencyLogEntry} in protobuf JSON (camelCase, int64 as strings), as
 * in a bundle's {@code tlogEntries}. The other bytes are plain base64 without line breaks (what
 * pypi-attestations has written and required since 0.0.12, when it stopped using Pydantic's
 * line-breaking encoder). The envelope has no payload type: it is always an in-toto statement. The
 * same content as a {@link SigstoreBundle} with one log entry, which is what {@code
 * pypi-attestations}' {@code to_bundle} and {@code from_bundle} convert to and from.
 */
public final class Pep740Attestation {
  /** The only attestation object version. */
  public static final int VERSION = 1;

  static final String DOCUMENT = "PEP 740 attestation";
  private static final JsonFactory JSON = new JsonFactory();

  private Pep740Attestation() {}

  /**
   * Reads an attestation object into the bundle it stands for.
   *
   * @throws BundleFormatException naming the missing or invalid field
   */
  public static SigstoreBundle parse(String json) throws BundleFormatException {
    try {
      return read(ProtoJson.parse(json, DOCUMENT));
    } catch (ProtoJsonException e) {
      throw new BundleFormatException(e.getMessage(), e);
    }
  }

  /** {@link #parse(String)} of a document read already, as one of a file of several. */
  public static SigstoreBundle parse(JsonValue json) throws BundleFormatException {
    try {
      return read(ProtoJson.of(json, DOCUMENT));
    } catch (ProtoJsonException e) {
      throw new BundleFormatException(e.getMessage(), e);
    }
  }

  static SigstoreBundle read(ProtoJson attestation) throws ProtoJsonException {
    long version = attestation.int64("version");
    if (version != VERSION) {
      throw attestation.fieldError(
          "version", "is " + version + ", expected " + VERSION + " (the only PEP 740 version)");
    }
    ProtoJson material = attestation.object("verification_material");
    List<ProtoJson> entries = material.objects("transparency_entries");
    if (entries.size() != 1) {
      // PEP 740 allows several; every writer makes one, and pypi-attestations verifies only the
      // first: an entry nobody checks should not ride along unnoticed.
      throw material.fieldError(
          "transparency_entries", "holds " + entries.size() + " entries, expected exactly one");
    }
    ProtoJson envelope = attestation.object("envelope");
    return new SigstoreBundle(
        SigstoreBundleJson.readCertificate(material, "certificate"),
        TransparencyLogEntryJson.read(entries.get(0)),
        new DsseEnvelope(
            envelope.bytes("statement"),
            DsseEnvelope.IN_TOTO_PAYLOAD_TYPE,
            envelope.bytes("signature")),
        material.bytesList("timestamps"));
  }

  /**
   * The attestation object of a bundle, compact, in the field order of {@code pypi-attestations}'
   * model (what {@code model_dump_json()} writes), without a line end.
   *
   * @throws IllegalArgumentException if the envelope is not an in-toto statement, which PEP 740
   *     cannot express
   */
  public static String toJson(SigstoreBundle bundle) {
    DsseEnvelope envelope = bundle.envelope();
    if (!envelope.payloadType().equals(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE)) {
      throw new IllegalArgumentException(
          "a PEP 740 attestation holds an in-toto statement, not " + envelope.payloadType());
    }
    StringWriter out = new StringWriter(16384);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("version", VERSION);
      json.writeObjectFieldStart("verification_material");
      json.writeStringField(
          "certificate",
          SigstoreBundleJson.base64(SigstoreBundleJson.encoded(bundle.certificate())));
      json.writeArrayFieldStart("transparency_entries");
      TransparencyLogEntryJson.write(json, bundle.logEntry());
      json.writeEndArray();
      if (!bundle.rfc3161Timestamps().isEmpty()) {
        json.writeArrayFieldStart("timestamps");
        for (byte[] timestamp : bundle.rfc3161Timestamps()) {
          json.writeString(SigstoreBundleJson.base64(timestamp));
        }
        json.writeEndArray();
      }
      json.writeEndObject();
      json.writeObjectFieldStart("envelope");
      json.writeStringField(
          "statement", new String(envelope.payloadBase64(), StandardCharsets.US_ASCII));
      json.writeStringField("signature", SigstoreBundleJson.base64(envelope.signature()));
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString();
  }
}
