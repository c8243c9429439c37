package dev.provenanceaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyCommandsInMainTest {
  @Test
  void helpNamesBothVerifyCommands() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(List.of("--help"), Map.of(), new PrintStream(out, true), System.err);

    assertEquals(0, code);
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("verify-artifact --provenance-path FILE --source-uri"), help);
    assertTrue(help.contains("verify-bundle --bundle FILE --certificate-identity URI"), help);
  }

  @Test
  void dispatchesVerifyArtifactAndVerifyBundle() {
    for (String command : List.of("verify-artifact", "verify-bundle")) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          Main.run(
              List.of(command, "--no-such-option"),
              Map.of(),
              System.out,
              new PrintStream(err, true, StandardCharsets.UTF_8));

      assertEquals(2, code);
      String message = err.toString(StandardCharsets.UTF_8);
      assertTrue(message.startsWith("error: unknown option --no-such-option"), message);
      assertTrue(message.contains("usage: " + command), message);
    }
  }
}
