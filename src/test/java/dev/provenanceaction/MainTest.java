package dev.provenanceaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.CommandRun;
import java.lang.ref.Reference;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private static CommandRun run(String... args) {
    return CommandRun.of((out, err) -> Main.run(List.of(args), Map.of(), out, err));
  }

  /**
   * Any JDK {@code HttpClient}'s selector: the run's one is the release upload's ({@code
   * release.GithubTransport}, as GitHub's API needs {@code PATCH}); the Sigstore calls use none.
   */
  @Test
  void theHttpClientsSelectorThreadIsStoppedBeforeExit() throws InterruptedException {
    Set<Thread> before = selectorThreads();
    HttpClient client = HttpClient.newHttpClient();
    Set<Thread> selectors = selectorThreads();
    selectors.removeAll(before);
    assertEquals(1, selectors.size(), "the new client's selector thread");

    Main.stopHttpClientSelectors();

    for (Thread selector : selectorThreads()) {
      selector.join(5_000);
      assertFalse(selector.isAlive(), selector.getName() + " still runs, so exit waits 300 ms");
    }
    Reference.reachabilityFence(client);
  }

  private static Set<Thread> selectorThreads() {
    Set<Thread> selectors = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("HttpClient-")
          && thread.getName().endsWith("-SelectorManager")) {
        selectors.add(thread);
      }
    }
    return selectors;
  }

  @Test
  void helpAndVersionExitZero() {
    CommandRun help = run("--help");
    assertEquals(0, help.exitCode());
    assertTrue(help.out().contains("--subject-base64"), help.out());
    CommandRun version = run("--version");
    assertEquals(0, version.exitCode());
    assertTrue(version.out().contains("provenance-action "), version.out());
  }

  @Test
  void noCommandOffTheRunnerIsAUsageError() {
    CommandRun run = run();
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("Usage:"), run.err());
  }

  @Test
  void unknownCommandIsAUsageError() {
    CommandRun run = run("sign");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("error: unknown command 'sign'"), run.err());
  }

  @Test
  void commandLineGenerateWithEphemeralSigstore(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("SHA256SUMS"), "c".repeat(64) + "  pkg.whl\n");

    CommandRun run =
        run(
            "generate",
            "--sigstore",
            "ephemeral",
            "--subject-checksums",
            dir.resolve("SHA256SUMS").toString(),
            "--output-dir",
            dir.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(dir.resolve("pkg.whl.intoto.jsonl") + "\n", run.out());
    assertTrue(Files.exists(dir.resolve("trusted_root.json")));
    assertTrue(run.err().contains("warning: signed with a throw-away"), run.err());
  }

  @Test
  void commandLineUsageErrorExitsTwo(@TempDir Path dir) {
    CommandRun run = run("generate", "--sigstore", "ephemeral", "--output-dir", dir.toString());
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .startsWith(
                "error: one of subject-base64, subject-checksums or subject-path is required"),
        run.err());
  }
}
