package dev.provenanceaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.CommandRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyCommandsInMainTest {
  @Test
  void helpNamesBothVerifyCommands() {
    CommandRun run = run("--help");

    assertEquals(0, run.exitCode());
    String help = run.out();
    assertTrue(help.contains("verify-artifact --provenance-path FILE --source-uri"), help);
    assertTrue(help.contains("verify-bundle --bundle FILE --certificate-identity URI"), help);
  }

  @Test
  void dispatchesVerifyArtifactAndVerifyBundle() {
    for (String command : List.of("verify-artifact", "verify-bundle")) {
      CommandRun run = run(command, "--no-such-option");

      assertEquals(2, run.exitCode());
      String message = run.err();
      assertTrue(message.startsWith("error: unknown option --no-such-option"), message);
      assertTrue(message.contains("usage: " + command), message);
    }
  }

  private static CommandRun run(String... args) {
    return CommandRun.of((out, err) -> Main.run(List.of(args), Map.of(), out, err));
  }
}
