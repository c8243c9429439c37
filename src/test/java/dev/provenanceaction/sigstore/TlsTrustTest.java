package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.TestTls;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TlsTrustTest {
  @Test
  void aPemFileAddsItsAuthoritiesToTheJdksReadAhead() throws Exception {
    TestTls tls = TestTls.create();
    TlsTrust.readJdkAuthoritiesAhead();

    Set<X509Certificate> jdk = Set.of(TlsTrust.jdkDefaults().trustManager().getAcceptedIssuers());
    List<X509Certificate> withPem =
        List.of(TlsTrust.jdkDefaultsPlusPem(tls.caPem()).trustManager().getAcceptedIssuers());

    assertTrue(jdk.size() > 10, "the JDK's cacerts: " + jdk.size());
    assertTrue(withPem.contains(tls.caCertificate()));
    assertTrue(withPem.containsAll(jdk));
    assertEquals(jdk.size() + 1, withPem.size());
  }
}
