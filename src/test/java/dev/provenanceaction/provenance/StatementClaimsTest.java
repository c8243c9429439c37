package dev.provenanceaction.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.testing.Fixtures;
import dev.provenanceaction.testing.RealFiles;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one statement reader, on a real statement of another builder and on statements it wrote. */
class StatementClaimsTest {
  @Test
  void readsTheContainerBasedBuildersSourceUri() throws Exception {
    JsonValue bundle = JsonValue.parse(Fixtures.bytes(RealFiles.CONTAINER_BASED_V01_BUNDLE));
    byte[] statement = Base64.getDecoder().decode(bundle.at("/dsseEnvelope/payload").textValue());

    StatementClaims claims = StatementClaims.read(statement);

    assertEquals("https://in-toto.io/Statement/v0.1", claims.statementType());
    assertTrue(claims.claimsABuild());
    assertEquals(
        "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/"
            + "builder_container-based_slsa3.yml@refs/tags/v1.7.0",
        claims.builderId());
    assertEquals("https://github.com/slsa-framework/example-package", claims.repositoryUri());
    assertEquals("refs/tags/v14", claims.ref());
    assertEquals(Optional.of(new RunAttempt("5201390133", 1)), claims.run());
    assertEquals(
        "gha_container-based-binary-linux-amd64-v14",
        claims
            .subjectWithSha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            .orElseThrow()
            .name());
  }

  @Test
  void aRepeatedKeyIsRefused() {
    byte[] statement =
        ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],"
                + "\"subject\":[{\"name\":\"a\"}]}")
            .getBytes(StandardCharsets.UTF_8);

    StatementFormatException e =
        assertThrows(StatementFormatException.class, () -> StatementClaims.read(statement));
    assertEquals("an in-toto statement in JSON", e.expected());
    assertTrue(e.found().contains("Duplicate field 'subject'"), e.found());
  }
}
