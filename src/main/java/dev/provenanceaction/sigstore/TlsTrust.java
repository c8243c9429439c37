package dev.provenanceaction.sigstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

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
      return new TlsTrust(authorities);
    } catch (CertificateException e) {
      throw new IOException(pemFile + " is not a PEM certificate file: " + e.getMessage(), e);
    }
  }

  private X509TrustManager trustManager() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (extraAuthorities.isEmpty()) {
        factory.init((KeyStore) null);
      } else {
        factory.init(keyStoreWithDefaultsAndExtras());
      }
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new IllegalStateException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
    }
  }

  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager()}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private KeyStore keyStoreWithDefaultsAndExtras() throws GeneralSecurityException, IOException {
    TrustManagerFactory defaults =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    defaults.init((KeyStore) null);
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int alias = 0;
    for (TrustManager manager : defaults.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        for (X509Certificate authority : x509.getAcceptedIssuers()) {
          store.setCertificateEntry("jdk-" + alias++, authority);
        }
      }
    }
    for (X509Certificate authority : extraAuthorities) {
      store.setCertificateEntry("extra-" + alias++, authority);
    }
    return store;
  }
}
