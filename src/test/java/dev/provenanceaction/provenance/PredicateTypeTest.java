package dev.provenanceaction.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PredicateTypeTest {
  @Test
  void parsesInputValues() {
    assertEquals(PredicateType.SLSA_V1, PredicateType.parse("slsa-v1"));
    assertEquals(PredicateType.SLSA_V02, PredicateType.parse("slsa-v0.2"));
    assertEquals(PredicateType.SLSA_V02, PredicateType.parse(" SLSA-v0.2\n"));
  }

  @Test
  void namesTheStatementAndPredicateTypes() {
    assertEquals("https://slsa.dev/provenance/v1", PredicateType.SLSA_V1.predicateTypeUri());
    assertEquals("https://in-toto.io/Statement/v1", PredicateType.SLSA_V1.statementTypeUri());
    assertEquals("https://slsa.dev/provenance/v0.2", PredicateType.SLSA_V02.predicateTypeUri());
    assertEquals("https://in-toto.io/Statement/v0.1", PredicateType.SLSA_V02.statementTypeUri());
  }

  @Test
  void rejectsUnknownValuesListingTheAllowedOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PredicateType.parse("slsa-v1.0"));

    assertEquals(
        "unknown predicate type 'slsa-v1.0'; use one of: slsa-v1, slsa-v0.2", e.getMessage());
  }
}
