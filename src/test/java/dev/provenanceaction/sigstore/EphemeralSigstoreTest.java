package dev.provenanceaction.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.dsse.DsseEnvelope;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.rekor.LogEntry;
import dev.provenanceaction.testing.Sha256;
import dev.provenanceaction.testing.TestSigner;
import dev.provenanceaction.verify.BundleVerifier;
import dev.provenanceaction.verify.VerifiedBundle;
import dev.sigstore.KeylessVerificationException;
import dev.sigstore.KeylessVerifier;
import dev.sigstore.TrustedRootProvider;
import dev.sigstore.VerificationOptions;
import dev.sigstore.VerificationOptions.CertificateMatcher;
import dev.sigstore.bundle.Bundle;
import dev.sigstore.strings.StringMatcher;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EphemeralSigstoreTest {
  private static final String WORKFLOW_REF =
      "octo-org/wheels/.github/workflows/release.yml@refs/tags/v1.0.0";

  @TempDir Path temp;

  @Test
  void signedBundleVerifiesWithSigstoreJavaKeylessVerifier() throws Exception {
    EphemeralSigstore sigstore = EphemeralSigstore.create();
    byte[] artifact = "wheel bytes".getBytes(StandardCharsets.UTF_8);
    byte[] artifactDigest = Sha256.of(artifact);
    String line = signedBundleLine(sigstore, artifactDigest);
    Path trustedRoot =
        Files.write(temp.resolve("trusted_root.json"), sigstore.trustedRoot().toJson());
    KeylessVerifier verifier =
        KeylessVerifier.builder()
            .trustedRootProvider(TrustedRootProvider.from(trustedRoot))
            .build();
    VerificationOptions options =
        VerificationOptions.builder()
            .addCertificateMatchers(
                CertificateMatcher.fulcio()
                    .issuer(StringMatcher.string(EphemeralSigstore.ISSUER))
                    .subjectAlternativeName(
                        StringMatcher.string("https://github.com/" + WORKFLOW_REF))
                    .build())
            .build();

    verifier.verify(artifactDigest, Bundle.from(new StringReader(line)), options);

    byte[] otherDigest = Sha256.of(new byte[] {1});
    assertThrows(
        KeylessVerificationException.class,
        () -> verifier.verify(otherDigest, Bundle.from(new StringReader(line)), options));
  }

  @Test
  void signedBundleVerifiesWithTheProjectsBundleVerifier() throws Exception {
    EphemeralSigstore sigstore = EphemeralSigstore.create();
    byte[] digest = Sha256.of(new byte[0]);
    SigstoreBundle bundle = SigstoreBundle.parse(signedBundleLine(sigstore, digest));

    VerifiedBundle verified = BundleVerifier.create(sigstore.trustedRoot()).verify(bundle);

    assertEquals(bundle.certificate(), verified.certificate());
  }

  @Test
  void anotherInstanceDoesNotTrustTheBundle() throws Exception {
    byte[] digest = Sha256.of(new byte[0]);
    String line = signedBundleLine(EphemeralSigstore.create(), digest);
    Path otherRoot =
        Files.write(temp.resolve("other.json"), EphemeralSigstore.create().trustedRoot().toJson());
    KeylessVerifier verifier =
        KeylessVerifier.builder().trustedRootProvider(TrustedRootProvider.from(otherRoot)).build();

    assertThrows(
        KeylessVerificationException.class,
        () ->
            verifier.verify(
                digest, Bundle.from(new StringReader(line)), VerificationOptions.empty()));
  }

  @Test
  void tokenIsAnUnsignedJwtOfTheClaims() throws Exception {
    OidcToken token = EphemeralSigstore.tokenFrom(Map.of("sub", "repo:o/r:ref:refs/heads/main"));

    String[] parts = token.rawToken().split("\\.", -1);
    assertEquals(3, parts.length);
    assertEquals("", parts[2]);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode payload = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertEquals("none", header.get("alg").asText());
    assertEquals(EphemeralSigstore.ISSUER, payload.get("iss").asText());
    assertEquals("repo:o/r:ref:refs/heads/main", payload.get("sub").asText());
    assertEquals(EphemeralSigstore.ISSUER, token.claim("iss"));
  }

  private static String signedBundleLine(EphemeralSigstore sigstore, byte[] artifactDigest)
      throws Exception {
    Map<String, String> claims = new HashMap<>();
    claims.put("sub", "repo:octo-org/wheels:ref:refs/tags/v1.0.0");
    claims.put("repository", "octo-org/wheels");
    claims.put("ref", "refs/tags/v1.0.0");
    claims.put("sha", "a".repeat(40));
    claims.put("job_workflow_ref", WORKFLOW_REF);
    claims.put("workflow_ref", WORKFLOW_REF);
    claims.put("event_name", "push");
    OidcToken token = EphemeralSigstore.tokenFrom(claims);
    TestSigner signer = TestSigner.generate();
    List<X509Certificate> chain = signer.chain(sigstore.certificateAuthority(), token);
    String statement =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a.whl\","
            + "\"digest\":{\"sha256\":\""
            + HexFormat.of().formatHex(artifactDigest)
            + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{}}";
    DsseEnvelope envelope = signer.envelope(statement);
    LogEntry entry = sigstore.transparencyLog().append(envelope, chain.get(0));
    return new String(
        new SigstoreBundle(chain.get(0), entry, envelope).toJsonLine(), StandardCharsets.UTF_8);
  }
}
