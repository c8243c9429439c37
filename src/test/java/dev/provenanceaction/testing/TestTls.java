package dev.provenanceaction.testing;

import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.TlsTrust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority and a server certificate it issued for {@code localhost} and
 * {@code 127.0.0.1}, written as PEM files to a temporary directory, for loopback TLS servers.
 */
public final class TestTls {
  private final X509Certificate caCertificate;
  private final X509Certificate serverCertificate;
  private final KeyPair serverKeys;
  private final Path caPem;
  private final Path serverChainPem;
  private final Path serverKeyPem;

  private TestTls(
      X509Certificate caCertificate,
      X509Certificate serverCertificate,
      KeyPair serverKeys,
      Path dir)
      throws IOException {
    this.caCertificate = caCertificate;
    this.serverCertificate = serverCertificate;
    this.serverKeys = serverKeys;
    this.caPem =
        deletedOnExit(
            Files.writeString(dir.resolve("tls-ca.pem"), pem("CERTIFICATE", der(caCertificate))));
    this.serverChainPem =
        deletedOnExit(
            Files.writeString(
                dir.resolve("server-chain.pem"),
                pem("CERTIFICATE", der(serverCertificate))
                    + pem("CERTIFICATE", der(caCertificate))));
    this.serverKeyPem =
        deletedOnExit(
            Files.writeString(
                dir.resolve("server-key.pem"),
                pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded())));
  }

  /**
   * The JVM deletes what is registered in the reverse order: these files before their directory,
   * which it cannot delete while they are in it.
   */
  private static Path deletedOnExit(Path file) {
    file.toFile().deleteOnExit();
    return file;
  }

  /** A new CA and server certificate, valid for a day, PEM files in a new temporary directory. */
  public static TestTls create() {
    try {
      Path dir = Files.createTempDirectory("test-tls");
      dir.toFile().deleteOnExit();
      KeyPair caKeys = ecKeys();
      X500Name caName = new X500Name("CN=provenance-action test TLS CA");
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(
              caName,
              BigInteger.ONE,
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(Duration.ofDays(1))),
              caName,
              caKeys.getPublic());
      // Key identifiers as every real CA has them (RFC 5280 4.2.1.1-2): a client that trusts
      // several loopback instances, whose CAs share a name, finds the issuer by key at once
      // instead of trying each one's signature.
      JcaX509ExtensionUtils identifiers = new JcaX509ExtensionUtils();
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      ca.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          identifiers.createSubjectKeyIdentifier(caKeys.getPublic()));
      ca.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate caCertificate = sign(ca, caKeys);

      KeyPair serverKeys = ecKeys();
      JcaX509v3CertificateBuilder server =
          new JcaX509v3CertificateBuilder(
              caName,
              BigInteger.TWO,
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(Duration.ofDays(1))),
              new X500Name("CN=localhost"),
              serverKeys.getPublic());
      server.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      server.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          identifiers.createAuthorityKeyIdentifier(caKeys.getPublic()));
      server.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          identifiers.createSubjectKeyIdentifier(serverKeys.getPublic()));
      server.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate serverCertificate = sign(server, caKeys);
      return new TestTls(caCertificate, serverCertificate, serverKeys, dir);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** The chain the server shows: its certificate, then the CA's. */
  public X509Certificate[] chain() {
    return new X509Certificate[] {serverCertificate, caCertificate};
  }

  /** The CA as a PEM file, as a custom Sigstore instance ships its {@code tls-ca.pem}. */
  public Path caPem() {
    return caPem;
  }

  /** Server certificate then CA, PEM. */
  public Path serverChainPem() {
    return serverChainPem;
  }

  /** The server's private key, PKCS#8 PEM. */
  public Path serverKeyPem() {
    return serverKeyPem;
  }

  /** What a client trusts to talk to the loopback servers. */
  public TlsTrust clientTrust() {
    return TlsTrust.jdkDefaultsPlus(List.of(caCertificate));
  }

  /**
   * A client of the loopback servers that retries as the action does but without its pauses, so
   * that a test of retries takes no time, and tells {@code retries} of each retry.
   */
  public SigstoreHttp client(Consumer<String> retries) {
    return SigstoreHttp.create(clientTrust(), noPauses(retries));
  }

  /** As {@link #client(Consumer)}, giving up on a request after {@code requestTimeout}. */
  public SigstoreHttp client(Consumer<String> retries, Duration requestTimeout) {
    return SigstoreHttp.create(clientTrust(), noPauses(retries), requestTimeout);
  }

  private static RetryPolicy noPauses(Consumer<String> retries) {
    return RetryPolicy.standard().withLog(retries).withSleeper(duration -> {});
  }

  /** For {@code HttpsServer}: presents the server certificate. */
  public SSLContext serverSslContext() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "test".toCharArray();
      store.setKeyEntry(
          "server",
          serverKeys.getPrivate(),
          password,
          new X509Certificate[] {serverCertificate, caCertificate});
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair issuerKeys)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }

  private static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
