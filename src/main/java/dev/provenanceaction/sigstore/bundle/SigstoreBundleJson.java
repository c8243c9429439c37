package dev.provenanceaction.sigstore.bundle;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.ProtoJson;
import dev.provenanceaction.sigstore.ProtoJsonException;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.rekor.TransparencyLogEntryJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads bundles v0.1 to v0.3 holding a DSSE envelope, and writes v0.3 in the field order of
 * sigstore-go and the Sigstore client libraries, int64 as strings as protobuf JSON does.
 */
final class SigstoreBundleJson {
  private static final String DOCUMENT = "Sigstore bundle";
  private static final String MEDIA_TYPE_V02 =
      "application/vnd.dev.sigstore.bundle+json;version=0.2";
  private static final Set<String> MEDIA_TYPES =
      Set.of(
          SigstoreBundle.MEDIA_TYPE_V01,
          MEDIA_TYPE_V02,
          "application/vnd.dev.sigstore.bundle+json;version=0.3",
          SigstoreBundle.MEDIA_TYPE_V03);
  private static final JsonFactory JSON = new JsonFactory();

  private SigstoreBundleJson() {}

  static SigstoreBundle read(String json) throws BundleFormatException {
    try {
      return read(ProtoJson.parse(json, DOCUMENT));
    } catch (ProtoJsonException e) {
      throw new BundleFormatException(e.getMessage(), e);
    }
  }

  static SigstoreBundle read(JsonValue json) throws BundleFormatException {
    try {
      return read(ProtoJson.of(json, DOCUMENT));
    } catch (ProtoJsonException e) {
      throw new BundleFormatException(e.getMessage(), e);
    }
  }

  private static SigstoreBundle read(ProtoJson document) throws ProtoJsonException {
    ProtoJson bundle =
        checkContent(document, "dsseEnvelope", "a statement", "messageSignature", "a blob");
    ProtoJson material = bundle.object("verificationMaterial");
    return new SigstoreBundle(
        readLeaf(material),
        readOnlyLogEntry(material),
        readEnvelope(bundle.object("dsseEnvelope")),
        readTimestamps(material),
        bundle.string("mediaType"));
  }

  static MessageSignatureBundle readMessageSignature(JsonValue json) throws BundleFormatException {
    try {
      return readMessageSignatureBundle(ProtoJson.of(json, DOCUMENT));
    } catch (ProtoJsonException e) {
      throw new BundleFormatException(e.getMessage(), e);
    }
  }

  private static MessageSignatureBundle readMessageSignatureBundle(ProtoJson document)
      throws ProtoJsonException {
    ProtoJson bundle =
        checkContent(document, "messageSignature", "a blob", "dsseEnvelope", "a statement");
    ProtoJson material = bundle.object("verificationMaterial");
    return new MessageSignatureBundle(
        readLeaf(material),
        readOnlyLogEntry(material),
        readMessageSignature(bundle.object("messageSignature")),
        readTimestamps(material),
        bundle.string("mediaType"));
  }

  /**
   * The bundle, checked to be v0.1 to v0.3 and to hold its signature over {@code signs} in {@code
   * content}, not over {@code otherSigns} in {@code other}.
   */
  private static ProtoJson checkContent(
      ProtoJson bundle, String content, String signs, String other, String otherSigns)
      throws ProtoJsonException {
    String mediaType = bundle.string("mediaType");
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw bundle.fieldError("mediaType", "is \"" + mediaType + "\", not a bundle v0.1 to v0.3");
    }
    if (!bundle.has(content)) {
      throw bundle.fieldError(
          content,
          bundle.has(other)
              ? "is missing: the bundle signs " + otherSigns + " (" + other + "), not " + signs
              : "is missing");
    }
    return bundle;
  }

  private static MessageSignature readMessageSignature(ProtoJson signature)
      throws ProtoJsonException {
    ProtoJson digest = signature.object("messageDigest");
    String algorithm = digest.string("algorithm");
    if (!algorithm.equals(MessageSignature.SHA2_256)) {
      throw digest.fieldError(
          "algorithm", "is \"" + algorithm + "\", expected " + MessageSignature.SHA2_256);
    }
    return new MessageSignature(algorithm, digest.bytes("digest"), signature.bytes("signature"));
  }

  private static X509Certificate readLeaf(ProtoJson material) throws ProtoJsonException {
    if (material.has("certificate")) {
      return readCertificate(material.object("certificate"));
    }
    if (material.has("x509CertificateChain")) {
      List<ProtoJson> chain = material.object("x509CertificateChain").objects("certificates");
      if (chain.isEmpty()) {
        throw material.fieldError("x509CertificateChain.certificates", "is empty");
      }
      return readCertificate(chain.get(0));
    }
    if (material.has("publicKey")) {
      throw material.fieldError(
          "certificate", "is missing: the bundle names a public key, not a Fulcio certificate");
    }
    throw material.fieldError("certificate", "is missing");
  }

  private static X509Certificate readCertificate(ProtoJson certificate) throws ProtoJsonException {
    return readCertificate(certificate, "rawBytes");
  }

  /** The DER certificate in the base64 field {@code name} of {@code holder}. */
  static X509Certificate readCertificate(ProtoJson holder, String name) throws ProtoJsonException {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(holder.bytes(name)));
    } catch (CertificateException e) {
      throw holder.fieldError(name, "is not an X.509 certificate: " + e.getMessage());
    }
  }

  private static List<byte[]> readTimestamps(ProtoJson material) throws ProtoJsonException {
    Optional<ProtoJson> data = material.optionalObject("timestampVerificationData");
    List<byte[]> timestamps = new ArrayList<>();
    if (data.isPresent() && data.get().has("rfc3161Timestamps")) {
      for (ProtoJson timestamp : data.get().objects("rfc3161Timestamps")) {
        timestamps.add(timestamp.bytes("signedTimestamp"));
      }
    }
    return timestamps;
  }

  private static LogEntry readOnlyLogEntry(ProtoJson material) throws ProtoJsonException {
    List<ProtoJson> entries = material.objects("tlogEntries");
    if (entries.size() != 1) {
      throw material.fieldError(
          "tlogEntries", "holds " + entries.size() + " entries, expected exactly one");
    }
    return TransparencyLogEntryJson.read(entries.get(0));
  }

  private static DsseEnvelope readEnvelope(ProtoJson envelope) throws ProtoJsonException {
    List<ProtoJson> signatures = envelope.objects("signatures");
    if (signatures.size() != 1) {
      throw envelope.fieldError(
          "signatures", "holds " + signatures.size() + " signatures, expected exactly one");
    }
    return new DsseEnvelope(
        envelope.bytes("payload"), envelope.string("payloadType"), signatures.get(0).bytes("sig"));
  }

  static byte[] write(SigstoreBundle bundle) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("mediaType", bundle.mediaType());
      json.writeObjectFieldStart("verificationMaterial");
      // v0.1 and v0.2 hold the leaf as a chain of one, v0.3 on its own.
      boolean chain =
          bundle.mediaType().equals(SigstoreBundle.MEDIA_TYPE_V01)
              || bundle.mediaType().equals(MEDIA_TYPE_V02);
      if (chain) {
        json.writeObjectFieldStart("x509CertificateChain");
        json.writeArrayFieldStart("certificates");
      } else {
        json.writeFieldName("certificate");
      }
      json.writeStartObject();
      json.writeStringField("rawBytes", base64(encoded(bundle.certificate())));
      json.writeEndObject();
      if (chain) {
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeArrayFieldStart("tlogEntries");
      TransparencyLogEntryJson.write(json, bundle.logEntry());
      json.writeEndArray();
      if (!bundle.rfc3161Timestamps().isEmpty()) {
        json.writeObjectFieldStart("timestampVerificationData");
        json.writeArrayFieldStart("rfc3161Timestamps");
        for (byte[] timestamp : bundle.rfc3161Timestamps()) {
          json.writeStartObject();
          json.writeStringField("signedTimestamp", base64(timestamp));
          json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndObject();
      writeEnvelope(json, bundle.envelope());
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeEnvelope(JsonGenerator json, DsseEnvelope envelope) throws IOException {
    json.writeObjectFieldStart("dsseEnvelope");
    // The envelope's own base64 (the Rekor v1 request carries it too), copied in as it is: it
    // holds nothing JSON escapes. Raw UTF-8 needs the byte generator this method is given.
    json.writeFieldName("payload");
    byte[] payload = envelope.payloadBase64();
    json.writeRawUTF8String(payload, 0, payload.length);
    json.writeStringField("payloadType", envelope.payloadType());
    json.writeArrayFieldStart("signatures");
    json.writeStartObject();
    json.writeStringField("sig", base64(envelope.signature()));
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
  }

  static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate has an encoding", e);
    }
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
