package dev.provenanceaction.sigstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.IDN;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate authorities a client trusts for TLS: the JDK's, plus any a custom Sigstore
 * instance needs (its {@code tls-ca.pem}), plus a test's throw-away CA.
 */
public final class TlsTrust {
  private final List<X509Certificate> extraAuthorities;

  private TlsTrust(List<X509Certificate> extraAuthorities) {
    this.extraAuthorities = List.copyOf(extraAuthorities);
  }

  /** The JDK's trusted CAs only. */
  public static TlsTrust jdkDefaults() {
    return new TlsTrust(List.of());
  }

  /** The JDK's trusted CAs and these. */
  public static TlsTrust jdkDefaultsPlus(List<X509Certificate> authorities) {
    return new TlsTrust(authorities);
  }

  /**
   * The JDK's trusted CAs and those in a PEM file.
   *
   * @throws IOException if the file cannot be read or holds no certificate
   */
  public static TlsTrust jdkDefaultsPlusPem(Path pemFile) throws IOException {
    try {
      Certificate[] parsed =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pemFile)))
              .toArray(Certificate[]::new);
      if (parsed.length == 0) {
        throw new IOException(pemFile + " holds no certificate");
      }
      List<X509Certificate> authorities = new ArrayList<>();
      for (Certificate certificate : parsed) {
        authorities.add((X509Certificate) certificate);
      }
      return jdkDefaultsPlus(authorities);
    } catch (CertificateException e) {
      throw new IOException(pemFile + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  /**
   * The TLS context for the client. A chain that reaches the extra authorities is checked against
   * them only, so a custom instance's services, which its own CA issues, are trusted without the
   * JDK's cacerts being read and made into trust anchors (about 100 ms of a cold run's set-up, on
   * the way to its first request); any other chain as {@link ExtrasOrJdk} says.
   */
  public SSLContext sslContext() {
    try {
      X509ExtendedTrustManager trust =
          new ExtrasOrJdk(
              extraAuthorities, extraAuthorities.isEmpty() ? null : trustManagerOf(extrasOnly()));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Starts, on the calling thread, what a cold JVM's first TLS connection would otherwise start on
   * its way, whatever the trust: the JDK's TLS provider (its protocols and cipher suites, each
   * checked against the crypto providers), then IDN's tables, which the check of the server's host
   * name reads. Begun beside the run's other preparation, neither holds up the first request.
   */
  public static void warmUp() {
    try {
      SSLContext.getInstance("TLS");
    } catch (NoSuchAlgorithmException e) {
      return; // No TLS here: the first request will say so.
    }
    IDN.toASCII("sigstore.dev");
  }

  /** The PKIX trust manager of these anchors, or of the JDK's when {@code anchors} is null. */
  static X509ExtendedTrustManager trustManagerOf(KeyStore anchors) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("the JDK offers no X.509 trust manager");
  }

  private KeyStore extrasOnly() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int alias = 0;
    for (X509Certificate authority : extraAuthorities) {
      store.setCertificateEntry("extra-" + alias++, authority);
    }
    return store;
  }

  /**
   * A chain that reaches one of the extra authorities is judged by them alone, any other by the
   * JDK's CAs: first by those of them the chain names ({@link JdkTrustAnchors}), and if they refuse
   * it, or cannot be read so, by the JDK's whole store, made for the first chain that needs it and
   * kept. Each check is the JDK's own, host name included, so a refusal names its real reason.
   */
  private static final class ExtrasOrJdk extends X509ExtendedTrustManager {
    private final List<X500Principal> extraNames;
    private final X509ExtendedTrustManager extras;
    private Optional<JdkTrustAnchors> namedAnchors;
    private X509ExtendedTrustManager jdk;

    /** {@code extras} judges for {@code extraAuthorities}; null when there are none. */
    ExtrasOrJdk(List<X509Certificate> extraAuthorities, X509ExtendedTrustManager extras) {
      this.extraNames =
          extraAuthorities.stream().map(X509Certificate::getSubjectX500Principal).toList();
      this.extras = extras;
    }

    /** One of the JDK's checks of a server's chain, by one trust manager. */
    @FunctionalInterface
    private interface Check {
      void by(X509ExtendedTrustManager judge) throws CertificateException;
    }

    private void judge(X509Certificate[] chain, Check check) throws CertificateException {
      for (X509Certificate certificate : chain) {
        // An extra that is an intermediate, not a root, ends the chain wherever the server sends
        // it: whichever certificate it issued, or it itself, says the chain is the extras'.
        if (extraNames.contains(certificate.getIssuerX500Principal())
            || extraNames.contains(certificate.getSubjectX500Principal())) {
          check.by(extras);
          return;
        }
      }
      Optional<X509ExtendedTrustManager> named = namedJudgeOf(chain);
      if (named.isPresent()) {
        try {
          check.by(named.get());
          return;
        } catch (CertificateException refused) {
          // Judged again below, by the whole store, whose verdict and reason stand.
        }
      }
      check.by(wholeStore());
    }

    private synchronized Optional<X509ExtendedTrustManager> namedJudgeOf(X509Certificate[] chain) {
      if (namedAnchors == null) {
        namedAnchors = JdkTrustAnchors.ofDefaultStore();
      }
      try {
        return namedAnchors.isPresent() ? namedAnchors.get().judgeOf(chain) : Optional.empty();
      } catch (GeneralSecurityException | IOException e) {
        return Optional.empty(); // the whole store judges instead
      }
    }

    private X509ExtendedTrustManager wholeStore() throws CertificateException {
      synchronized (this) {
        if (jdk == null) {
          try {
            jdk = trustManagerOf(null);
          } catch (GeneralSecurityException e) {
            throw new CertificateException(
                "cannot read the JDK's trusted CAs: " + e.getMessage(), e);
          }
        }
        return jdk;
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      judge(chain, manager -> manager.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      judge(chain, manager -> manager.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      judge(chain, manager -> manager.checkServerTrusted(chain, authType));
    }

    /** A client only: it trusts no client certificate. */
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a client trusts no client certificate");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a client trusts no client certificate");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a client trusts no client certificate");
    }

    /**
     * The extras': only a server sends its accepted issuers (asking for a client certificate), so
     * the JDK's are not made for this.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return extras == null ? new X509Certificate[0] : extras.getAcceptedIssuers();
    }
  }
}
