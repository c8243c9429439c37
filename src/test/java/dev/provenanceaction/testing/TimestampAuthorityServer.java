package dev.provenanceaction.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.provenanceaction.sigstore.Ecdsa;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.sigstore.tsa.TimestampAuthorityClient;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 timestamp authority over HTTPS on a loopback port, as Sigstore's timestamp-authority
 * serves {@code POST /api/v1/timestamp}: a DER {@code TimeStampReq} as {@code
 * application/timestamp-query} in, a DER {@code TimeStampResp} as {@code
 * application/timestamp-reply} out, the token signed by a leaf whose only extended key usage is
 * time stamping (critical) under a self-signed root, both ECDSA P-384 as staging's are, the leaf's
 * certificate in the token when asked for. It also takes timestamp-authority's JSON form, which
 * sigstore-js sends: {@code {"artifactHash": base64, "hashAlgorithm": "sha256", "certificates":
 * bool, "nonce": n}} as {@code application/json}, answered with the same DER reply.
 */
public final class TimestampAuthorityServer extends LoopbackService {
  public static final String PATH = "/api/v1/timestamp";
  private static final ASN1ObjectIdentifier POLICY =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2");

  private final KeyPair signingKey = Ecdsa.generateP384();
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
  private final X509Certificate signer;
  private final X509Certificate root;
  private final String name;
  private final AtomicLong serial = new AtomicLong(1);
  private volatile byte[] lastQuery;

  private TimestampAuthorityServer(String name) {
    this.name = name;
    try {
      KeyPair rootKey = Ecdsa.generateP384();
      X500Name rootName = new X500Name("O=loopback,CN=" + name + "-selfsigned");
      root = certificate(rootName, rootName, rootKey.getPublic(), rootKey.getPrivate(), true);
      signer =
          certificate(
              rootName,
              new X500Name("O=loopback,CN=" + name),
              signingKey.getPublic(),
              rootKey.getPrivate(),
              false);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param name names its certificates, so several authorities differ
   */
  public static TimestampAuthorityServer start(TestTls tls, String name) {
    TimestampAuthorityServer server = new TimestampAuthorityServer(name);
    server.listen(tls);
    return server;
  }

  /** The URL a signing config's {@code tsaUrls} names: the timestamp endpoint, not the host. */
  @Override
  public URI url() {
    return URI.create(super.url() + PATH);
  }

  /** The body of the last DER query received, or null. */
  public byte[] lastQuery() {
    return lastQuery;
  }

  /** Timestamps granted so far. */
  public long issued() {
    return serial.get() - 1;
  }

  /** This authority as a trusted root lists it: signing certificate, then root. */
  public TrustedRoot.CertificateAuthorityEntry trustedRootEntry() {
    return new TrustedRoot.CertificateAuthorityEntry(
        url(),
        "loopback",
        name + "-selfsigned",
        List.of(signer, root),
        new TrustedRoot.ValidFor(start, null));
  }

  @Override
  void handle(HttpExchange exchange) throws IOException {
    if (answeredInjectedFailure(exchange)) {
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())
        || !PATH.equals(exchange.getRequestURI().getPath())) {
      LoopbackHttps.respondError(exchange, 404, "not found");
      return;
    }
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    boolean json = type != null && type.startsWith("application/json");
    if (!json && !TimestampAuthorityClient.QUERY_TYPE.equals(type)) {
      LoopbackHttps.respondError(exchange, 415, "expected " + TimestampAuthorityClient.QUERY_TYPE);
      return;
    }
    byte[] answer;
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!json) {
        lastQuery = body;
      }
      answer = respond(json ? fromJson(body) : new TimeStampRequest(body));
    } catch (IOException | IllegalArgumentException | TSPException e) {
      LoopbackHttps.respondError(exchange, 400, "invalid timestamp request: " + e.getMessage());
      return;
    }
    LoopbackHttps.respond(exchange, 200, TimestampAuthorityClient.REPLY_TYPE, answer);
  }

  private static TimeStampRequest fromJson(byte[] body) throws IOException {
    JsonNode json = new ObjectMapper().readTree(body);
    if (!"sha256".equals(json.path("hashAlgorithm").asText())) {
      throw new IllegalArgumentException("hashAlgorithm must be sha256");
    }
    byte[] hash = Base64.getDecoder().decode(json.path("artifactHash").asText());
    if (hash.length != 32) {
      throw new IllegalArgumentException("artifactHash must be a SHA-256 digest, 32 bytes");
    }
    TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
    generator.setCertReq(json.path("certificates").asBoolean(false));
    return json.has("nonce")
        ? generator.generate(
            TSPAlgorithms.SHA256, hash, BigInteger.valueOf(json.get("nonce").asLong()))
        : generator.generate(TSPAlgorithms.SHA256, hash);
  }

  private byte[] respond(TimeStampRequest request) throws TSPException, IOException {
    try {
      TimeStampTokenGenerator tokens =
          new TimeStampTokenGenerator(
              new JcaSimpleSignerInfoGeneratorBuilder()
                  .build("SHA384withECDSA", signingKey.getPrivate(), signer),
              new JcaDigestCalculatorProviderBuilder()
                  .build()
                  .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
              POLICY);
      tokens.addCertificates(new JcaCertStore(List.of(signer)));
      return new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
          .generate(request, BigInteger.valueOf(serial.getAndIncrement()), Date.from(Instant.now()))
          .getEncoded();
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate certificate(
      X500Name issuer, X500Name subject, PublicKey key, PrivateKey issuerKey, boolean authority)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(System.nanoTime()),
            Date.from(start),
            Date.from(start.plus(Duration.ofDays(3650))),
            subject,
            key);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
    if (authority) {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      // RFC 3161: the signing certificate's only extended key usage, critical.
      builder.addExtension(
          Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(issuerKey)));
  }
}
