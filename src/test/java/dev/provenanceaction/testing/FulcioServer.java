package dev.provenanceaction.testing;

import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.fulcio.EphemeralCertificateAuthority;
import dev.provenanceaction.sigstore.oidc.JwtClaims;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.sigstore.fulcio.v2.CAGrpc;
import dev.sigstore.fulcio.v2.CertificateChain;
import dev.sigstore.fulcio.v2.CreateSigningCertificateRequest;
import dev.sigstore.fulcio.v2.PublicKeyAlgorithm;
import dev.sigstore.fulcio.v2.SigningCertificate;
import dev.sigstore.fulcio.v2.SigningCertificateDetachedSCT;
import dev.sigstore.fulcio.v2.SigningCertificateEmbeddedSCT;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Fulcio's v2 gRPC API over TLS on a loopback port. Like Fulcio it checks the identity token
 * (signature against the {@link OidcTokenServer}'s key, expiry) and the proof of possession, then
 * lets a delegate certificate authority issue the chain, answered as a certificate with an embedded
 * SCT.
 *
 * <p>The delegate is an {@link EphemeralCertificateAuthority}: its trusted root entry verifies what
 * this server issues.
 */
public final class FulcioServer implements AutoCloseable {
  private final OidcTokenServer identityProvider;
  private final EphemeralCertificateAuthority delegate;
  private final FaultInjector faults = new FaultInjector();
  private volatile boolean detachedSct;
  private volatile CreateSigningCertificateRequest lastRequest;
  private Server server;

  private FulcioServer(OidcTokenServer identityProvider, EphemeralCertificateAuthority delegate) {
    this.identityProvider = identityProvider;
    this.delegate = delegate;
  }

  /**
   * @param identityProvider whose tokens are accepted
   * @param delegate issues the certificates
   */
  public static FulcioServer create(
      OidcTokenServer identityProvider, EphemeralCertificateAuthority delegate) {
    return new FulcioServer(identityProvider, delegate);
  }

  public FulcioServer start(TestTls tls) {
    try {
      server =
          NettyServerBuilder.forAddress(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                  TlsServerCredentials.create(
                      tls.serverChainPem().toFile(), tls.serverKeyPem().toFile()))
              .addService(new CaService())
              .build()
              .start();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code https://localhost:<port>}, as a signing config names a Fulcio. */
  public URI url() {
    return URI.create("https://localhost:" + server.getPort());
  }

  public EphemeralCertificateAuthority certificateAuthority() {
    return delegate;
  }

  /** Answer with a detached SCT from now on, as old Fulcio deployments could. */
  public void answerWithDetachedSct(boolean detachedSct) {
    this.detachedSct = detachedSct;
  }

  public CreateSigningCertificateRequest lastRequest() {
    return lastRequest;
  }

  /** Fail the next calls with this gRPC status code ({@link Status.Code#value()}). */
  public void failNext(int count, int grpcCode) {
    faults.failNext(count, grpcCode);
  }

  public void delayNext(Duration delay) {
    faults.delayNext(delay);
  }

  public int requestCount() {
    return faults.requestCount();
  }

  private final class CaService extends CAGrpc.CAImplBase {
    @Override
    public void createSigningCertificate(
        CreateSigningCertificateRequest request, StreamObserver<SigningCertificate> response) {
      OptionalInt failure = faults.onRequest();
      if (failure.isPresent()) {
        response.onError(
            Status.fromCodeValue(failure.getAsInt())
                .withDescription("injected failure")
                .asRuntimeException());
        return;
      }
      lastRequest = request;
      try {
        response.onNext(answer(request));
        response.onCompleted();
      } catch (RequestRejected e) {
        response.onError(e.status.asRuntimeException());
      }
    }
  }

  private SigningCertificate answer(CreateSigningCertificateRequest request)
      throws RequestRejected {
    String jwt = request.getCredentials().getOidcIdentityToken();
    if (identityProvider.rejectionOf(jwt) != null) {
      // Fulcio's own words; it does not say why, and never echoes the token.
      throw new RequestRejected(
          Status.UNAUTHENTICATED.withDescription(
              "There was an error processing the identity token"));
    }
    OidcToken token = JwtClaims.token(jwt);
    PublicKey publicKey = publicKey(request);
    verifyProofOfPossession(
        publicKey,
        token.claim("sub"),
        request.getPublicKeyRequest().getProofOfPossession().toByteArray());
    List<X509Certificate> chain;
    try {
      chain =
          delegate.issue(
              token, publicKey, request.getPublicKeyRequest().getProofOfPossession().toByteArray());
    } catch (SigstoreException e) {
      throw new RequestRejected(Status.INTERNAL.withDescription(e.getMessage()));
    }
    CertificateChain.Builder pems = CertificateChain.newBuilder();
    chain.forEach(certificate -> pems.addCertificates(pem(certificate)));
    if (detachedSct) {
      return SigningCertificate.newBuilder()
          .setSignedCertificateDetachedSct(
              SigningCertificateDetachedSCT.newBuilder().setChain(pems))
          .build();
    }
    return SigningCertificate.newBuilder()
        .setSignedCertificateEmbeddedSct(SigningCertificateEmbeddedSCT.newBuilder().setChain(pems))
        .build();
  }

  private static PublicKey publicKey(CreateSigningCertificateRequest request)
      throws RequestRejected {
    dev.sigstore.fulcio.v2.PublicKey key = request.getPublicKeyRequest().getPublicKey();
    if (key.getAlgorithm() != PublicKeyAlgorithm.ECDSA) {
      throw new RequestRejected(
          Status.INVALID_ARGUMENT.withDescription(
              "unsupported key algorithm " + key.getAlgorithm()));
    }
    String content = key.getContent();
    if (!content.startsWith("-----BEGIN PUBLIC KEY-----\n")
        || !content.strip().endsWith("-----END PUBLIC KEY-----")) {
      throw new RequestRejected(
          Status.INVALID_ARGUMENT.withDescription("The public key is not PEM"));
    }
    String base64 =
        content
            .replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new RequestRejected(
          Status.INVALID_ARGUMENT.withDescription(
              "The public key supplied in the request could not be parsed"));
    }
  }

  private static void verifyProofOfPossession(PublicKey key, String subject, byte[] proof)
      throws RequestRejected {
    try {
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(subject.getBytes(StandardCharsets.UTF_8));
      if (verifier.verify(proof)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // falls through to the rejection Fulcio gives for any unverifiable proof
    }
    throw new RequestRejected(
        Status.INVALID_ARGUMENT.withDescription(
            "The signature supplied in the request could not be verified"));
  }

  private static String pem(X509Certificate certificate) {
    try {
      return TestTls.pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class RequestRejected extends Exception {
    private final Status status;

    RequestRejected(Status status) {
      super(status.getDescription(), null, false, false);
      this.status = status;
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdownNow();
      try {
        server.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
