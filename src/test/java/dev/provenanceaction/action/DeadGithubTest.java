package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.GithubApiServer;
import dev.provenanceaction.testing.LoopbackSigstore;
import dev.provenanceaction.testing.MovableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed run (the real path against the loopback Sigstore) whose GitHub API is dead: the run ends
 * within its deadline, on a clock that moves only when the run waits, with an error that names
 * GitHub and the last cause, and leaves the provenance file and its outputs for a later step.
 */
class DeadGithubTest {
  private static final String TOKEN = "ghs_deadGithubTokenNeverPrinted0123456789";
  private static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
  private static final String FILE = "octo_pkg-1.2.3.tar.gz.intoto.jsonl";

  @TempDir Path temp;
  private LoopbackSigstore sigstore;
  private final MovableClock clock = new MovableClock(START);
  private final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void start() {
    sigstore = LoopbackSigstore.start(temp.resolve("sigstore"));
    sigstore.oidc().setClaims(ActionRun.claims("public"));
  }

  @AfterEach
  void stop() {
    sigstore.close();
  }

  @Test
  void aClosedPortEndsTheRunWithinTheDeadline() throws Exception {
    URI closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = URI.create("https://127.0.0.1:" + socket.getLocalPort());
    }

    ActionRun run = signedRun(Map.of("GITHUB_API_URL", closed.toString()));

    String error = error(run);
    assertTrue(
        error.contains(
            "GitHub: GET 127.0.0.1/repos/" + ActionRun.REPOSITORY + " failed, gave up after"),
        error);
    assertTrue(error.contains("last: ConnectException: connection refused"), error);
    assertProvenanceStays(run, error);
  }

  @Test
  void aServerThatAlwaysAnswers503EndsTheRunWithinTheDeadline() throws Exception {
    try (GithubApiServer github = GithubApiServer.start(TOKEN)) {
      github.state().addRepository(ActionRun.REPOSITORY);
      for (String method : List.of("GET", "POST", "PATCH", "DELETE")) {
        github.faults().failNext(method, ".*", 1000, 503, Map.of(), "Service Unavailable");
      }

      ActionRun run = signedRun(github.environment());

      String error = error(run);
      assertTrue(error.contains("GitHub: GET 127.0.0.1/repos/" + ActionRun.REPOSITORY), error);
      assertTrue(error.contains("last: HTTP 503 Service Unavailable"), error);
      assertProvenanceStays(run, error);
      assertEquals(List.of(), github.state().repository(ActionRun.REPOSITORY).releases());
      assertEquals(List.of(), github.violations());
    }
  }

  @Test
  void theSigstoreCallsShareTheRunsDeadline() throws Exception {
    // The deadline is made at the clock's first reading; every later reading is past its budget.
    InstantSource pastTheDeadline =
        new InstantSource() {
          private boolean read;

          @Override
          public Instant instant() {
            Instant now = read ? START.plus(Deadline.RUN_BUDGET).plusSeconds(1) : START;
            read = true;
            return now;
          }
        };
    ActionRun run = new ActionRun(temp.resolve("run"));
    String sums = "a".repeat(64) + "  octo_pkg-1.2.3.tar.gz\n";
    run.env(sigstore.oidcEnvironment())
        .input("sigstore", sigstore.directory().toString())
        .input("github-token", TOKEN)
        .input(
            "subject-base64",
            Base64.getEncoder().encodeToString(sums.getBytes(StandardCharsets.UTF_8)))
        .networkTime(waits::add, pastTheDeadline)
        .run();

    assertEquals(1, run.exitCode(), run.stdout());
    assertTrue(
        run.stdout()
            .contains(
                "::error title=OIDC failed::OIDC: not attempted: the 50.0 s limit had passed before"
                    + " the first attempt"),
        run.stdout());
    assertEquals(0, sigstore.oidc().requestCount());
    assertEquals(List.of(), waits);
    assertFalse(Files.exists(run.workspace().resolve(FILE)), "nothing signed, nothing written");
  }

  private ActionRun signedRun(Map<String, String> github) throws IOException {
    ActionRun run = new ActionRun(temp.resolve("run"));
    Files.writeString(run.workspace().resolve("octo_pkg-1.2.3.tar.gz"), "sdist");
    String sums = "a".repeat(64) + "  octo_pkg-1.2.3.tar.gz\n";
    return run.env(sigstore.oidcEnvironment())
        .env(github)
        .input("sigstore", sigstore.directory().toString())
        .input("github-token", TOKEN)
        .input(
            "subject-base64",
            Base64.getEncoder().encodeToString(sums.getBytes(StandardCharsets.UTF_8)))
        .networkTime(
            wait -> {
              waits.add(wait);
              clock.advance(wait);
            },
            clock)
        .run();
  }

  /** The one error annotation, after checking the run failed and waited under a minute. */
  private String error(ActionRun run) {
    assertEquals(1, run.exitCode(), run.stdout());
    List<String> errors = run.stdout().lines().filter(line -> line.startsWith("::error")).toList();
    assertEquals(1, errors.size(), run.stdout());
    assertTrue(errors.get(0).startsWith("::error title=GitHub API unavailable::"), errors.get(0));
    Duration waited = Duration.between(START, clock.instant());
    assertTrue(waited.compareTo(Duration.ofSeconds(60)) < 0, "waited " + waited + ": " + waits);
    assertTrue(waits.size() >= 2, "retried before giving up: " + waits);
    assertTrue(
        run.stdout().lines().noneMatch(l -> !l.startsWith("::add-mask::") && l.contains(TOKEN)),
        "the token leaked");
    return errors.get(0);
  }

  private static void assertProvenanceStays(ActionRun run, String error) throws IOException {
    Path file = run.workspace().resolve(FILE);
    assertTrue(Files.size(file) > 0, "the provenance file is kept");
    assertTrue(run.outputs().contains("provenance-path=" + file + "\n"), run.outputs());
    assertTrue(run.outputs().contains("provenance-name=" + FILE + "\n"), run.outputs());
    assertTrue(error.contains("The provenance stays at " + file), error);
  }
}
