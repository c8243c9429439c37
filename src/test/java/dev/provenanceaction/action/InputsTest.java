package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputsTest {
  private static final Set<String> NAMES = Set.of("subject-base64", "private-repository");
  private static final Set<String> BOOLEANS = Set.of("private-repository");

  @Test
  void readsRunnerVariablesWithHyphensKept() {
    Inputs inputs =
        Inputs.fromEnvironment(
            Map.of("INPUT_SUBJECT-BASE64", " YWJj \n", "INPUT_PRIVATE-REPOSITORY", ""), NAMES);
    assertEquals(Optional.of("YWJj"), inputs.get("subject-base64"));
    assertFalse(inputs.has("private-repository"), "an empty input is unset");
  }

  @Test
  void readsFlagsInBothForms() throws Exception {
    Inputs inputs =
        Inputs.fromArguments(
            List.of("--subject-base64=YWJj", "--private-repository"), NAMES, BOOLEANS);
    assertEquals(Optional.of("YWJj"), inputs.get("subject-base64"));
    assertTrue(inputs.getBoolean("private-repository", false));
  }

  @Test
  void rejectsUnknownRepeatedAndValuelessFlags() {
    assertEquals(
        "unknown option: --subject",
        assertThrows(
                UsageException.class,
                () -> Inputs.fromArguments(List.of("--subject", "x"), NAMES, BOOLEANS))
            .getMessage());
    assertEquals(
        "option --subject-base64 is given twice",
        assertThrows(
                UsageException.class,
                () ->
                    Inputs.fromArguments(
                        List.of("--subject-base64", "a", "--subject-base64", "b"), NAMES, BOOLEANS))
            .getMessage());
    assertEquals(
        "option --subject-base64 needs a value",
        assertThrows(
                UsageException.class,
                () -> Inputs.fromArguments(List.of("--subject-base64"), NAMES, BOOLEANS))
            .getMessage());
  }

  @Test
  void booleanMustBeTrueOrFalse() {
    Inputs inputs = Inputs.fromEnvironment(Map.of("INPUT_PRIVATE-REPOSITORY", "yes"), NAMES);
    UsageException e =
        assertThrows(UsageException.class, () -> inputs.getBoolean("private-repository", false));
    assertEquals("private-repository must be true or false, not 'yes'", e.getMessage());
  }
}
