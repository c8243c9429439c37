package dev.provenanceaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.ref.Reference;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        List.of(args),
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
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
    assertEquals(0, run(Map.of(), "--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--subject-base64"));
    assertEquals(0, run(Map.of(), "--version"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("provenance-action "));
  }

  @Test
  void noCommandOffTheRunnerIsAUsageError() {
    assertEquals(2, run(Map.of()));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("Usage:"));
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(2, run(Map.of(), "sign"));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: unknown command 'sign'"));
  }

  @Test
  void commandLineGenerateWithEphemeralSigstore(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("SHA256SUMS"), "c".repeat(64) + "  pkg.whl\n");

    int exit =
        run(
            Map.of(),
            "generate",
            "--sigstore",
            "ephemeral",
            "--subject-checksums",
            dir.resolve("SHA256SUMS").toString(),
            "--output-dir",
            dir.toString());

    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    assertEquals(dir.resolve("pkg.whl.intoto.jsonl") + "\n", out.toString(StandardCharsets.UTF_8));
    assertTrue(Files.exists(dir.resolve("trusted_root.json")));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("warning: signed with a throw-away"));
  }

  @Test
  void commandLineUsageErrorExitsTwo(@TempDir Path dir) {
    assertEquals(
        2, run(Map.of(), "generate", "--sigstore", "ephemeral", "--output-dir", dir.toString()));
    assertTrue(
        err.toString(StandardCharsets.UTF_8)
            .startsWith(
                "error: one of subject-base64, subject-checksums or subject-path is required"));
  }
}
