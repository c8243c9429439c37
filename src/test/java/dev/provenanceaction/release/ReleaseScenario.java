package dev.provenanceaction.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.testing.GithubApiServer;
import dev.provenanceaction.testing.GithubState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GitHub double with one repository, a fake clock and a recording log; after each test, checks
 * that the double saw only requests GitHub's description allows and that the token leaked nowhere.
 */
abstract class ReleaseScenario {
  static final String TOKEN = "ghs_Secr3tTokenValueThatMustNotLeak";
  static final String TAG = "v1.0.0";
  static final String SHA = "a".repeat(40);
  static final String ASSET = "multiple.intoto.jsonl";

  @TempDir Path temp;
  GithubApiServer github;
  GithubState.Repository repository;
  FakeTime time = new FakeTime();
  RecordingLog log = new RecordingLog();

  @BeforeEach
  void startGithub() {
    github = GithubApiServer.start(TOKEN);
    repository = github.state().addRepository(SignedProvenance.REPOSITORY);
  }

  @AfterEach
  void checkGithubSawOnlyAllowedRequests() {
    try {
      assertEquals(List.of(), github.violations());
      assertEquals(List.of(), github.authorizationsSeenByStorage());
      assertFalse(log.all().contains(TOKEN), "the token leaked into the log");
      assertFalse(String.join("\n", github.requests()).contains(TOKEN), "the token is in a URL");
    } finally {
      github.close();
    }
  }

  ReleaseResult publish(Path file, AssetConflict conflict) throws ReleaseException {
    return publisher().publish(request(file, conflict));
  }

  ReleasePublisher publisher() {
    return publisher(time);
  }

  /** A publisher whose waits and deadline are timed on {@code time}: one job's clock. */
  ReleasePublisher publisher(FakeTime time) {
    Deadline deadline = Deadline.after(Deadline.RUN_BUDGET, time);
    return ReleasePublisher.create(log, deadline, time.sleeper(), github.clientTrust())
        .withRetryPolicy(
            GithubRetryPolicy.standard(log::info, deadline, time.sleeper()).withResetClock(time));
  }

  ReleaseRequest request(Path file, AssetConflict conflict) {
    return request(file, conflict, false);
  }

  ReleaseRequest request(Path file, AssetConflict conflict, boolean attestations) {
    return request(file, conflict, true, attestations);
  }

  /**
   * @param named whether the user named the file, as {@code provenance-name} does; if not, the
   *     release's one provenance asset takes the bundles
   */
  ReleaseRequest request(Path file, AssetConflict conflict, boolean named, boolean attestations) {
    return ReleaseRequest.forFile(
        github.apiUrl(),
        GithubToken.of(TOKEN),
        SignedProvenance.REPOSITORY,
        TAG,
        SHA,
        true,
        conflict,
        file,
        named,
        attestations);
  }

  Path file(String... lines) throws java.io.IOException {
    return SignedProvenance.file(temp, ASSET, lines);
  }

  static <T> T only(List<T> items) {
    assertEquals(1, items.size(), items.toString());
    return items.get(0);
  }
}
