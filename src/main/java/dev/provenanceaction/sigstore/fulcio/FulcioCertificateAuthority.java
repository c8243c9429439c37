package dev.provenanceaction.sigstore.fulcio;

import com.google.protobuf.ByteString;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.TlsTrust;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.sigstore.fulcio.v2.CAGrpc;
import dev.sigstore.fulcio.v2.CertificateChain;
import dev.sigstore.fulcio.v2.CreateSigningCertificateRequest;
import dev.sigstore.fulcio.v2.Credentials;
import dev.sigstore.fulcio.v2.PublicKeyAlgorithm;
import dev.sigstore.fulcio.v2.PublicKeyRequest;
import dev.sigstore.fulcio.v2.SigningCertificate;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Fulcio's v2 gRPC API over TLS: {@code CA/CreateSigningCertificate} with the public key, its proof
 * of possession and the OIDC token. Only certificates with an embedded SCT are accepted, since a
 * bundle has no place for a detached one.
 */
public final class FulcioCertificateAuthority implements CertificateAuthority {
  public static final String SERVICE = "Fulcio";

  private final String target;
  private final TlsTrust tlsTrust;
  private final RetryPolicy retryPolicy;
  private final Duration deadline;

  private FulcioCertificateAuthority(
      String target, TlsTrust tlsTrust, RetryPolicy retryPolicy, Duration deadline) {
    this.target = Objects.requireNonNull(target, "target");
    this.tlsTrust = Objects.requireNonNull(tlsTrust, "tlsTrust");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.deadline = Objects.requireNonNull(deadline, "deadline");
  }

  /**
   * A client for the Fulcio at this URL, as a signing config names it ({@code
   * https://fulcio.sigstore.dev}); the gRPC target is its host and port, 443 by default. 30 s per
   * call, the standard retry policy, the JDK's trusted CAs.
   */
  public static FulcioCertificateAuthority of(URI url) {
    if (!"https".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("a Fulcio URL is https://host[:port], not " + url);
    }
    int port = url.getPort() == -1 ? 443 : url.getPort();
    return new FulcioCertificateAuthority(
        url.getHost() + ":" + port,
        TlsTrust.jdkDefaults(),
        RetryPolicy.standard(),
        Duration.ofSeconds(30));
  }

  /** TLS trust beyond the JDK's, e.g. a custom instance's {@code tls-ca.pem}. */
  public FulcioCertificateAuthority withTlsTrust(TlsTrust tlsTrust) {
    return new FulcioCertificateAuthority(target, tlsTrust, retryPolicy, deadline);
  }

  public FulcioCertificateAuthority withRetryPolicy(RetryPolicy retryPolicy) {
    return new FulcioCertificateAuthority(target, tlsTrust, retryPolicy, deadline);
  }

  /** Time allowed for each call. */
  public FulcioCertificateAuthority withDeadline(Duration deadline) {
    return new FulcioCertificateAuthority(target, tlsTrust, retryPolicy, deadline);
  }

  /** The gRPC target, {@code host:port}. */
  public String target() {
    return target;
  }

  @Override
  public List<X509Certificate> issue(OidcToken token, PublicKey publicKey, byte[] proofOfPossession)
      throws SigstoreException {
    CreateSigningCertificateRequest request =
        CreateSigningCertificateRequest.newBuilder()
            .setCredentials(Credentials.newBuilder().setOidcIdentityToken(token.rawToken()))
            .setPublicKeyRequest(
                PublicKeyRequest.newBuilder()
                    .setPublicKey(
                        dev.sigstore.fulcio.v2.PublicKey.newBuilder()
                            .setAlgorithm(algorithmOf(publicKey))
                            .setContent(pem(publicKey)))
                    .setProofOfPossession(ByteString.copyFrom(proofOfPossession)))
            .build();
    ManagedChannel channel =
        Grpc.newChannelBuilder(
                target,
                TlsChannelCredentials.newBuilder().trustManager(tlsTrust.trustManager()).build())
            .userAgent("provenance-action")
            .build();
    try {
      CAGrpc.CABlockingStub stub = CAGrpc.newBlockingStub(channel);
      SigningCertificate answer =
          retryPolicy.run(
              SERVICE,
              () -> {
                try {
                  return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                      .createSigningCertificate(request);
                } catch (StatusRuntimeException e) {
                  throw withoutToken(e, token.rawToken());
                }
              });
      return certificates(answer);
    } finally {
      channel.shutdownNow();
    }
  }

  private static List<X509Certificate> certificates(SigningCertificate answer)
      throws SigstoreException {
    switch (answer.getCertificateCase()) {
      case SIGNED_CERTIFICATE_EMBEDDED_SCT:
        return parseChain(answer.getSignedCertificateEmbeddedSct().getChain());
      case SIGNED_CERTIFICATE_DETACHED_SCT:
        throw new SigstoreException(
            SERVICE,
            "the certificate came with a detached SCT; a Sigstore bundle needs the SCT embedded in"
                + " the certificate");
      default:
        throw new SigstoreException(SERVICE, "the answer holds no certificate");
    }
  }

  private static List<X509Certificate> parseChain(CertificateChain chain) throws SigstoreException {
    if (chain.getCertificatesCount() == 0) {
      throw new SigstoreException(SERVICE, "the answer holds an empty certificate chain");
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certificates = new ArrayList<>();
      for (String pem : chain.getCertificatesList()) {
        certificates.add(
            (X509Certificate)
                factory.generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
      }
      return certificates;
    } catch (CertificateException e) {
      throw new SigstoreException(SERVICE, "the answer holds a certificate that does not parse", e);
    }
  }

  // Status descriptions come from the server; one that quotes the token must not carry it into
  // logs.
  private static StatusRuntimeException withoutToken(StatusRuntimeException e, String token) {
    Status status = e.getStatus();
    String description = status.getDescription();
    if (description == null || token.isEmpty() || !description.contains(token)) {
      return e;
    }
    return status.withDescription(description.replace(token, "[token]")).asRuntimeException();
  }

  private static PublicKeyAlgorithm algorithmOf(PublicKey key) {
    switch (key.getAlgorithm()) {
      case "EC":
        return PublicKeyAlgorithm.ECDSA;
      case "RSA":
        return PublicKeyAlgorithm.RSA_PSS;
      case "Ed25519":
      case "EdDSA":
        return PublicKeyAlgorithm.ED25519;
      default:
        throw new IllegalArgumentException("Fulcio takes no " + key.getAlgorithm() + " keys");
    }
  }

  private static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }
}
