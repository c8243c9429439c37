package dev.provenanceaction.sigstore.trust;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.provenanceaction.sigstore.ProtoJson;
import dev.provenanceaction.sigstore.ProtoJsonException;
import dev.provenanceaction.sigstore.trust.TrustedRoot.CertificateAuthorityEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.sigstore.trust.TrustedRoot.ValidFor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Reads and writes the protobuf JSON form of {@link TrustedRoot}. */
final class TrustedRootJson {
  private static final String DOCUMENT = "trusted root";
  private static final JsonFactory JSON = new JsonFactory();

  private TrustedRootJson() {}

  static TrustedRoot read(InputStream json) throws ProtoJsonException {
    ProtoJson root = ProtoJson.parse(json, DOCUMENT);
    String mediaType = root.optionalString("mediaType").orElse(TrustedRoot.MEDIA_TYPE);
    if (!mediaType.equals(TrustedRoot.MEDIA_TYPE)) {
      throw root.fieldError(
          "mediaType", "is \"" + mediaType + "\", expected \"" + TrustedRoot.MEDIA_TYPE + "\"");
    }
    return new TrustedRoot(
        readAuthorities(root, "certificateAuthorities"),
        readLogs(root, "tlogs"),
        readLogs(root, "ctlogs"),
        root.has("timestampAuthorities")
            ? readAuthorities(root, "timestampAuthorities")
            : List.of());
  }

  private static List<CertificateAuthorityEntry> readAuthorities(ProtoJson root, String name)
      throws ProtoJsonException {
    List<CertificateAuthorityEntry> authorities = new ArrayList<>();
    for (ProtoJson authority : root.objects(name)) {
      ProtoJson subject = authority.optionalObject("subject").orElse(null);
      List<X509Certificate> chain = new ArrayList<>();
      for (ProtoJson certificate : authority.object("certChain").objects("certificates")) {
        chain.add(readCertificate(certificate));
      }
      if (chain.isEmpty()) {
        throw authority.fieldError("certChain.certificates", "is empty");
      }
      authorities.add(
          new CertificateAuthorityEntry(
              // Timestamp authorities of the public-good root name no uri.
              authority.has("uri") ? readUri(authority, "uri") : URI.create(""),
              subject == null ? "" : subject.optionalString("organization").orElse(""),
              subject == null ? "" : subject.optionalString("commonName").orElse(""),
              chain,
              readValidFor(authority.object("validFor"))));
    }
    return authorities;
  }

  private static List<Log> readLogs(ProtoJson root, String name) throws ProtoJsonException {
    List<Log> logs = new ArrayList<>();
    for (ProtoJson log : root.objects(name)) {
      String hashAlgorithm = log.optionalString("hashAlgorithm").orElse("SHA2_256");
      if (!hashAlgorithm.equals("SHA2_256")) {
        throw log.fieldError("hashAlgorithm", "is \"" + hashAlgorithm + "\", expected SHA2_256");
      }
      ProtoJson publicKey = log.object("publicKey");
      String keyDetails = publicKey.string("keyDetails");
      logs.add(
          new Log(
              readUri(log, "baseUrl"),
              readPublicKey(publicKey, keyDetails),
              keyDetails,
              log.object("logId").bytes("keyId"),
              readValidFor(publicKey.object("validFor"))));
    }
    return logs;
  }

  private static PublicKey readPublicKey(ProtoJson publicKey, String keyDetails)
      throws ProtoJsonException {
    String algorithm = keyAlgorithm(keyDetails);
    if (algorithm == null) {
      throw publicKey.fieldError("keyDetails", "names an unsupported key type: " + keyDetails);
    }
    byte[] der = publicKey.bytes("rawBytes");
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw publicKey.fieldError(
          "rawBytes", "is not a " + keyDetails + " public key: " + e.getMessage());
    }
  }

  private static String keyAlgorithm(String keyDetails) {
    if (keyDetails.startsWith("PKIX_ECDSA_")) {
      return "EC";
    }
    if (keyDetails.startsWith("PKIX_ED25519")) {
      return "Ed25519";
    }
    if (keyDetails.startsWith("PKIX_RSA_") || keyDetails.startsWith("PKCS1_RSA_")) {
      return "RSA";
    }
    return null;
  }

  private static X509Certificate readCertificate(ProtoJson certificate) throws ProtoJsonException {
    byte[] der = certificate.bytes("rawBytes");
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw certificate.fieldError("rawBytes", "is not an X.509 certificate: " + e.getMessage());
    }
  }

  private static URI readUri(ProtoJson object, String name) throws ProtoJsonException {
    String text = object.string(name);
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw object.fieldError(name, "is not a URI: " + e.getMessage());
    }
  }

  private static ValidFor readValidFor(ProtoJson validFor) throws ProtoJsonException {
    return new ValidFor(
        validFor.timestamp("start"), validFor.has("end") ? validFor.timestamp("end") : null);
  }

  static byte[] write(TrustedRoot root) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("mediaType", TrustedRoot.MEDIA_TYPE);
      writeLogs(json, "tlogs", root.transparencyLogs());
      writeAuthorities(json, "certificateAuthorities", root.certificateAuthorities());
      writeLogs(json, "ctlogs", root.ctLogs());
      if (!root.timestampAuthorities().isEmpty()) {
        writeAuthorities(json, "timestampAuthorities", root.timestampAuthorities());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeAuthorities(
      JsonGenerator json, String name, List<CertificateAuthorityEntry> authorities)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (CertificateAuthorityEntry authority : authorities) {
      json.writeStartObject();
      json.writeObjectFieldStart("subject");
      json.writeStringField("organization", authority.subjectOrganization());
      json.writeStringField("commonName", authority.subjectCommonName());
      json.writeEndObject();
      json.writeStringField("uri", authority.uri().toString());
      json.writeObjectFieldStart("certChain");
      json.writeArrayFieldStart("certificates");
      for (X509Certificate certificate : authority.certChain()) {
        json.writeStartObject();
        json.writeStringField("rawBytes", base64(encoded(certificate)));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
      writeValidFor(json, authority.validFor());
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeLogs(JsonGenerator json, String name, List<Log> logs)
      throws IOException {
    json.writeArrayFieldStart(name);
    for (Log log : logs) {
      json.writeStartObject();
      json.writeStringField("baseUrl", log.baseUrl().toString());
      json.writeStringField("hashAlgorithm", "SHA2_256");
      json.writeObjectFieldStart("publicKey");
      json.writeStringField("rawBytes", base64(log.publicKey().getEncoded()));
      json.writeStringField("keyDetails", log.keyDetails());
      writeValidFor(json, log.validFor());
      json.writeEndObject();
      json.writeObjectFieldStart("logId");
      json.writeStringField("keyId", base64(log.logId()));
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void writeValidFor(JsonGenerator json, ValidFor validFor) throws IOException {
    json.writeObjectFieldStart("validFor");
    json.writeStringField("start", validFor.start().toString());
    if (validFor.end() != null) {
      json.writeStringField("end", validFor.end().toString());
    }
    json.writeEndObject();
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateException e) {
      throw new IllegalStateException("a parsed certificate has an encoding", e);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
