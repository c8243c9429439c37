package dev.provenanceaction.sigstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import dev.provenanceaction.sigstore.rekor.EphemeralTransparencyLog;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.sigstore.proto.common.v1.DistinguishedName;
import dev.sigstore.proto.common.v1.HashAlgorithm;
import dev.sigstore.proto.common.v1.LogId;
import dev.sigstore.proto.common.v1.PublicKey;
import dev.sigstore.proto.common.v1.PublicKeyDetails;
import dev.sigstore.proto.common.v1.TimeRange;
import dev.sigstore.proto.common.v1.X509Certificate;
import dev.sigstore.proto.common.v1.X509CertificateChain;
import dev.sigstore.proto.trustroot.v1.CertificateAuthority;
import dev.sigstore.proto.trustroot.v1.TransparencyLogInstance;
import dev.sigstore.rekor.client.RekorEntry;
import dev.sigstore.rekor.client.RekorResponse;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Converts this project's values into sigstore-java's, through sigstore-java's own protobuf types
 * and JSON parsers, so that sigstore-java can act as an independent verifier in tests.
 */
public final class SigstoreJava {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SigstoreJava() {}

  public static SigstoreTrustedRoot trustedRoot(TrustedRoot root) throws Exception {
    return SigstoreTrustedRoot.from(proto(root));
  }

  /** The trusted root as protobuf JSON, the file format {@code TrustedRootProvider.from} reads. */
  public static String trustedRootJson(TrustedRoot root) throws Exception {
    return JsonFormat.printer().print(proto(root));
  }

  /** The entry as Rekor v1's {@code GET /api/v1/log/entries/{uuid}} would return it. */
  public static RekorEntry rekorEntry(LogEntry entry) throws Exception {
    HexFormat hex = HexFormat.of();
    ObjectNode proof = MAPPER.createObjectNode();
    proof.put("checkpoint", entry.inclusionProof().checkpoint());
    ArrayNode hashes = proof.putArray("hashes");
    entry.inclusionProof().hashes().forEach(hash -> hashes.add(hex.formatHex(hash)));
    proof.put("logIndex", entry.inclusionProof().logIndex());
    proof.put("rootHash", hex.formatHex(entry.inclusionProof().rootHash()));
    proof.put("treeSize", entry.inclusionProof().treeSize());
    ObjectNode body = MAPPER.createObjectNode();
    body.put("body", Base64.getEncoder().encodeToString(entry.canonicalizedBody()));
    body.put("integratedTime", entry.integratedTime());
    body.put("logID", hex.formatHex(entry.logId()));
    body.put("logIndex", entry.logIndex());
    ObjectNode verification = body.putObject("verification");
    verification.set("inclusionProof", proof);
    verification.put(
        "signedEntryTimestamp", Base64.getEncoder().encodeToString(entry.signedEntryTimestamp()));
    ObjectNode response = MAPPER.createObjectNode();
    String uuid = EphemeralTransparencyLog.uuid(entry.canonicalizedBody());
    response.set(uuid, body);
    return RekorResponse.newRekorResponse(
            URI.create("https://rekor.invalid/api/v1/log/entries/" + uuid),
            MAPPER.writeValueAsString(response))
        .getEntry();
  }

  private static dev.sigstore.proto.trustroot.v1.TrustedRoot proto(TrustedRoot root)
      throws Exception {
    var builder =
        dev.sigstore.proto.trustroot.v1.TrustedRoot.newBuilder()
            .setMediaType(TrustedRoot.MEDIA_TYPE);
    for (TrustedRoot.CertificateAuthorityEntry ca : root.certificateAuthorities()) {
      X509CertificateChain.Builder chain = X509CertificateChain.newBuilder();
      for (java.security.cert.X509Certificate certificate : ca.certChain()) {
        chain.addCertificates(
            X509Certificate.newBuilder()
                .setRawBytes(ByteString.copyFrom(certificate.getEncoded())));
      }
      builder.addCertificateAuthorities(
          CertificateAuthority.newBuilder()
              .setUri(ca.uri().toString())
              .setSubject(
                  DistinguishedName.newBuilder()
                      .setOrganization(ca.subjectOrganization())
                      .setCommonName(ca.subjectCommonName()))
              .setCertChain(chain)
              .setValidFor(timeRange(ca.validFor())));
    }
    root.transparencyLogs().forEach(log -> builder.addTlogs(log(log)));
    root.ctLogs().forEach(log -> builder.addCtlogs(log(log)));
    return builder.build();
  }

  private static TransparencyLogInstance log(TrustedRoot.Log log) {
    return TransparencyLogInstance.newBuilder()
        .setBaseUrl(log.baseUrl().toString())
        .setHashAlgorithm(HashAlgorithm.SHA2_256)
        .setPublicKey(
            PublicKey.newBuilder()
                .setRawBytes(ByteString.copyFrom(log.publicKey().getEncoded()))
                .setKeyDetails(PublicKeyDetails.valueOf(log.keyDetails()))
                .setValidFor(timeRange(log.validFor())))
        .setLogId(LogId.newBuilder().setKeyId(ByteString.copyFrom(log.logId())))
        .build();
  }

  private static TimeRange timeRange(TrustedRoot.ValidFor validFor) {
    TimeRange.Builder range = TimeRange.newBuilder().setStart(timestamp(validFor.start()));
    if (validFor.end() != null) {
      range.setEnd(timestamp(validFor.end()));
    }
    return range.build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
