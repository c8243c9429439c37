package dev.provenanceaction.sigstore.fulcio;

import dev.provenanceaction.sigstore.HttpStatusException;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Fulcio's v2 REST API, as sigstore-js and sigstore-go call it: {@code POST /api/v2/signingCert}
 * with the OIDC token, the public key and its proof of possession as JSON, on the {@code https://}
 * URL the signing config names. Only certificates with an embedded SCT are accepted, since a bundle
 * has no place for a detached one.
 */
public final class FulcioCertificateAuthority implements CertificateAuthority {
  public static final String SERVICE = "Fulcio";
  public static final String SIGNING_CERT_PATH = "/api/v2/signingCert";
  private static final int MAX_ERROR_DETAIL = 200;

  private final URI signingCertUrl;
  private final SigstoreHttp http;

  private FulcioCertificateAuthority(URI signingCertUrl, SigstoreHttp http) {
    this.signingCertUrl = signingCertUrl;
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * A client for the Fulcio at this URL, as a signing config names it ({@code
   * https://fulcio.sigstore.dev}), over the run's HTTP client.
   */
  public static FulcioCertificateAuthority of(URI url, SigstoreHttp http) {
    if (!"https".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("a Fulcio URL is https://host[:port], not " + url);
    }
    String base = url.toString().replaceFirst("/+$", "");
    return new FulcioCertificateAuthority(URI.create(base + SIGNING_CERT_PATH), http);
  }

  /** Where the certificate is asked for. */
  public URI signingCertUrl() {
    return signingCertUrl;
  }

  @Override
  public List<X509Certificate> issue(OidcToken token, PublicKey publicKey, byte[] proofOfPossession)
      throws SigstoreException {
    SigstoreHttp.Request request =
        SigstoreHttp.Request.post(
            signingCertUrl,
            "application/json",
            FulcioJson.signingCertRequest(token.rawToken(), publicKey, proofOfPossession));
    String answer = http.call(SERVICE, () -> send(request, token.rawToken()));
    try {
      return FulcioJson.certificateChain(answer);
    } catch (IllegalArgumentException e) {
      throw new SigstoreException(SERVICE, e.getMessage());
    }
  }

  private String send(SigstoreHttp.Request request, String rawToken)
      throws IOException, InterruptedException, HttpStatusException {
    SigstoreHttp.Response response = http.send(request);
    if (response.status() == 200) {
      return response.text();
    }
    // Fulcio answers errors as {"code":N,"message":"..."}; a message that quoted the token must
    // not carry it into the log.
    String message = FulcioJson.errorMessage(response.text());
    if (message != null) {
      if (!rawToken.isEmpty()) {
        message = message.replace(rawToken, "[token]");
      }
      if (message.length() > MAX_ERROR_DETAIL) {
        message = message.substring(0, MAX_ERROR_DETAIL) + "...";
      }
    }
    throw new HttpStatusException(response.status(), message);
  }
}
