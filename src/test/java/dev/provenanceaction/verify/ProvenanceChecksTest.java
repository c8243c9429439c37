package dev.provenanceaction.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.provenance.StatementClaims;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The statement checks, on statements built here: a changed statement no longer matches its
 * signature, so these cannot be tested through the commands on the real bundles.
 */
class ProvenanceChecksTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final CertificateIdentity SLSA_CERTIFICATE =
      new CertificateIdentity(
          Fixtures.SLSA_SAN,
          Optional.of(IdentityPolicy.GITHUB_ACTIONS_ISSUER),
          Optional.of(Fixtures.SLSA_SAN),
          Optional.of("https://github.com/slsa-framework/example-package"),
          Optional.of("refs/tags/v14"));

  @Test
  void readsTheGeneratorsV02Claims() throws Exception {
    StatementClaims claims = readProvenance(statement(Fixtures.SLSA_GENERATOR_JSONL));

    assertEquals("https://in-toto.io/Statement/v0.1", claims.statementType());
    assertEquals(Fixtures.SLSA_SAN, claims.builderId());
    assertEquals("https://github.com/slsa-framework/example-package", claims.repositoryUri());
    assertEquals("refs/tags/v14", claims.ref());
    assertEquals(
        "gha_generic-binary-linux-amd64-v14",
        claims.subjectWithSha256(Fixtures.SLSA_SHA256).get().name());
    ProvenanceChecks.checkAgainst(claims, SLSA_CERTIFICATE);
  }

  @Test
  void readsGitHubsV1Claims() throws Exception {
    StatementClaims claims = readProvenance(statement(Fixtures.ATTEST_BUNDLE));

    assertEquals(Fixtures.ATTEST_SAN, claims.builderId());
    assertEquals("https://github.com/loosebazooka/aa-test", claims.repositoryUri());
    assertEquals("refs/heads/main", claims.ref());
  }

  @Test
  void missingTypeFails() throws Exception {
    ObjectNode statement = statementJson(Fixtures.ATTEST_BUNDLE);
    statement.remove("_type");

    PolicyException e = assertThrows(PolicyException.class, () -> parse(statement));
    assertEquals(PolicyCheck.STATEMENT_TYPE, e.check());
    assertEquals("no _type", e.found());
    assertEquals(
        "STATEMENT_TYPE: expected _type https://in-toto.io/Statement/v1 or"
            + " https://in-toto.io/Statement/v0.1, found no _type",
        e.getMessage());
  }

  @Test
  void unknownStatementTypeFails() throws Exception {
    ObjectNode statement = statementJson(Fixtures.ATTEST_BUNDLE);
    statement.put("_type", "https://in-toto.io/Statement/v2");

    PolicyException e = assertThrows(PolicyException.class, () -> parse(statement));
    assertEquals(PolicyCheck.STATEMENT_TYPE, e.check());
    assertEquals("https://in-toto.io/Statement/v2", e.found());
  }

  @Test
  void unknownPredicateTypeFailsForProvenanceOnly() throws Exception {
    ObjectNode statement = statementJson(Fixtures.ATTEST_BUNDLE);
    statement.put("predicateType", "https://spdx.dev/Document");
    byte[] bytes = MAPPER.writeValueAsBytes(statement);

    PolicyException e = assertThrows(PolicyException.class, () -> readProvenance(bytes));
    assertEquals(PolicyCheck.PREDICATE_TYPE, e.check());
    assertEquals("https://spdx.dev/Document", e.found());
    assertEquals("", ProvenanceChecks.readStatement(bytes).builderId());
  }

  @Test
  void duplicateKeysFail() {
    byte[] bytes =
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"_type\":\"https://in-toto.io/Statement/v1\"}")
            .getBytes(StandardCharsets.UTF_8);

    PolicyException e = assertThrows(PolicyException.class, () -> readProvenance(bytes));
    assertEquals(PolicyCheck.STATEMENT_TYPE, e.check());
  }

  @Test
  void builderOtherThanTheCertificatesFails() throws Exception {
    ObjectNode statement = statementJson(Fixtures.SLSA_GENERATOR_JSONL);
    ((ObjectNode) statement.path("predicate").path("builder")).put("id", "https://evil/builder");

    PolicyException e = failsAgainstTheCertificate(statement);
    assertEquals(PolicyCheck.PROVENANCE_BUILDER, e.check());
    assertEquals("the certificate's identity " + Fixtures.SLSA_SAN, e.expected());
    assertEquals("https://evil/builder", e.found());
  }

  @Test
  void repositoryOtherThanTheCertificatesFails() throws Exception {
    ObjectNode statement = statementJson(Fixtures.SLSA_GENERATOR_JSONL);
    configSource(statement).put("uri", "git+https://github.com/evil/fork@refs/tags/v14");

    PolicyException e = failsAgainstTheCertificate(statement);
    assertEquals(PolicyCheck.PROVENANCE_REPOSITORY, e.check());
    assertEquals("https://github.com/evil/fork", e.found());
  }

  @Test
  void refOtherThanTheCertificatesFails() throws Exception {
    ObjectNode statement = statementJson(Fixtures.SLSA_GENERATOR_JSONL);
    configSource(statement)
        .put("uri", "git+https://github.com/slsa-framework/example-package@refs/heads/main");

    PolicyException e = failsAgainstTheCertificate(statement);
    assertEquals(PolicyCheck.PROVENANCE_REF, e.check());
    assertEquals("the certificate's source ref refs/tags/v14", e.expected());
    assertEquals("refs/heads/main", e.found());
  }

  /** The statement read, and held to be provenance, as the verifier does. */
  private static StatementClaims readProvenance(byte[] statement) throws PolicyException {
    StatementClaims claims = ProvenanceChecks.readStatement(statement);
    ProvenanceChecks.requireProvenance(claims);
    return claims;
  }

  /** What checking the statement against the SLSA generator's certificate throws. */
  private static PolicyException failsAgainstTheCertificate(ObjectNode statement) {
    return assertThrows(
        PolicyException.class,
        () -> ProvenanceChecks.checkAgainst(parse(statement), SLSA_CERTIFICATE));
  }

  /** The SLSA v0.2 predicate's {@code invocation.configSource}, which names repository and ref. */
  private static ObjectNode configSource(ObjectNode statement) {
    return (ObjectNode) statement.path("predicate").path("invocation").path("configSource");
  }

  private static StatementClaims parse(ObjectNode statement) throws Exception {
    return readProvenance(MAPPER.writeValueAsBytes(statement));
  }

  private static ObjectNode statementJson(String fixture) throws Exception {
    return (ObjectNode) MAPPER.readTree(statement(fixture));
  }

  static byte[] statement(String fixture) throws Exception {
    return bundle(fixture).envelope().payload();
  }

  /** The fixture's first bundle, read as verify-artifact reads it offline. */
  static SigstoreBundle bundle(String fixture) throws Exception {
    ProvenanceFile.Entry first =
        ProvenanceFile.parse(
                Fixtures.text(fixture),
                VerificationPolicy.provenance(
                    List.of(), IdentityPolicy.issuedBy(IdentityPolicy.GITHUB_ACTIONS_ISSUER)),
                false)
            .get(0);
    return ((ProvenanceFile.Entry.Bundle) first).bundle();
  }
}
