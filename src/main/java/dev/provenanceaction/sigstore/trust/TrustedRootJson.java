package dev.provenanceaction.sigstore.trust;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.provenanceaction.sigstore.ProtoJson;
import dev.provenanceaction.sigstore.ProtoJsonException;
import dev.provenanceaction.sigstore.trust.TrustedRoot.CertificateAuthorityEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot.Log;
import dev.provenanceaction.sigstore.trust.TrustedRoot.UnusableLog;
import dev.provenanceaction.sigstore.trust.TrustedRoot.ValidFor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

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
    List<UnusableLog> unusable = new ArrayList<>();
    return new TrustedRoot(
        readAuthorities(root, "certificateAuthorities"),
        readLogs(root, "tlogs", unusable),
        readLogs(root, "ctlogs", unusable),
        root.has("timestampAuthorities")
            ? readAuthorities(root, "timestampAuthorities")
            : List.of(),
        unusable);
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
      // The spec orders a chain leaf first, root last; earlier versions of root-signing's
      // trusted_root.json wrote public-good's the other way round.
      if (chain.size() > 1
          && selfIssued(chain.get(0))
          && !selfIssued(chain.get(chain.size() - 1))) {
        Collections.reverse(chain);
      }
      authorities.add(
          new CertificateAuthorityEntry(
              // Timestamp authorities of the public-good root name no uri.
              authority.has("uri") ? readUri(authority, "uri") : URI.create(""),
              subject == null ? "" : subject.optionalString("organization").orElse(""),
              subject == null ? "" : subject.optionalString("commonName").orElse(""),
              chain,
              readValidFor(authority)));
    }
    return authorities;
  }

  /**
   * The usable logs of a list; a log whose key form or hash this verifier does not know goes to
   * {@code unusable} instead, so that a root naming a newer key type still verifies the rest.
   */
  private static List<Log> readLogs(ProtoJson root, String name, List<UnusableLog> unusable)
      throws ProtoJsonException {
    List<Log> logs = new ArrayList<>();
    for (ProtoJson log : root.objects(name)) {
      URI baseUrl = readUri(log, "baseUrl");
      byte[] logId = log.object("logId").bytes("keyId");
      ProtoJson publicKey = log.object("publicKey");
      String keyDetails = publicKey.string("keyDetails");
      String hashAlgorithm = log.optionalString("hashAlgorithm").orElse("SHA2_256");
      Optional<KeyDetails> form = KeyDetails.named(keyDetails);
      if (form.isEmpty() || !hashAlgorithm.equals("SHA2_256")) {
        unusable.add(
            new UnusableLog(
                baseUrl,
                keyDetails,
                logId,
                form.isEmpty()
                    ? "its key type " + keyDetails + " is not supported"
                    : "its tree hash " + hashAlgorithm + " is not supported"));
        continue;
      }
      logs.add(
          new Log(
              baseUrl,
              readPublicKey(publicKey, form.get()),
              keyDetails,
              logId,
              readValidFor(publicKey)));
    }
    return logs;
  }

  private static PublicKey readPublicKey(ProtoJson publicKey, KeyDetails form)
      throws ProtoJsonException {
    try {
      return form.parse(publicKey.bytes("rawBytes"));
    } catch (GeneralSecurityException e) {
      throw publicKey.fieldError("rawBytes", "is not a " + form + " public key: " + e.getMessage());
    }
  }

  private static boolean selfIssued(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
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

  /** An object's {@code validFor}; a key without one (an optional field) is valid since always. */
  private static ValidFor readValidFor(ProtoJson object) throws ProtoJsonException {
    Optional<ProtoJson> validFor = object.optionalObject("validFor");
    if (validFor.isEmpty()) {
      return new ValidFor(Instant.EPOCH, null);
    }
    return new ValidFor(
        validFor.get().timestamp("start"),
        validFor.get().has("end") ? validFor.get().timestamp("end") : null);
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
      json.writeStringField(
          "rawBytes",
          base64(KeyDetails.named(log.keyDetails()).orElseThrow().encode(log.publicKey())));
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
