package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.GithubApiServer;
import dev.provenanceaction.testing.GithubState;
import dev.provenanceaction.testing.LoopbackSigstore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a run can fail, with recognisable values for the GitHub token, the OIDC request token
 * and the OIDC token: none of them appears in stdout (but for the line that masks it), stderr, the
 * outputs file, the job summary, any file the run leaves, or anything stored on the GitHub double.
 */
class SecretLeakTest {
  private static final String GITHUB_TOKEN = "ghs_CANARYgithubTokenNeverShown0123456789";
  private static final String WRONG_GITHUB_TOKEN = "ghs_CANARYwrongTokenNeverShown0123456789";
  private static final String WRONG_REQUEST_TOKEN = "CANARYrequestTokenNeverShown0123456789";
  private static final String TWO_PART_JWT = "eyJhbGciOiJFUzI1NiJ9.CANARYjwtPayloadNeverShown";
  private static final String NOT_JSON_JWT = "eyJhbGciOiJFUzI1NiJ9.Q0FOQVJZbm90SnNvbg.CANARYsig";

  /** How a scenario breaks the run, given the loopback Sigstore and the GitHub double. */
  private interface Breakage extends BiConsumer<Servers, ActionRun> {}

  private record Servers(LoopbackSigstore sigstore, GithubApiServer github) {}

  @TempDir Path temp;
  private Servers servers;

  @BeforeEach
  void start() {
    LoopbackSigstore sigstore = LoopbackSigstore.start(temp.resolve("sigstore"));
    sigstore.oidc().setClaims(ActionRun.claims("public"));
    GithubApiServer github = GithubApiServer.start(GITHUB_TOKEN);
    github.state().addRepository(ActionRun.REPOSITORY);
    servers = new Servers(sigstore, github);
  }

  @AfterEach
  void stop() {
    servers.github().close();
    servers.sigstore().close();
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        scenario(
            "invalid subjects",
            (s, run) -> run.input("subject-base64", "%%%"),
            "::error title=Invalid subjects::subject-base64 is not valid standard base64"),
        scenario(
            "the OIDC endpoint refuses the request token",
            (s, run) -> run.env(IdentityStep.REQUEST_TOKEN, WRONG_REQUEST_TOKEN),
            "::error title=OIDC failed::OIDC: "),
        scenario(
            "a JWT of two parts",
            (s, run) -> s.sigstore().oidc().answerWith(TWO_PART_JWT),
            "::error title=OIDC failed::OIDC: the runner returned an unusable token: the token is"
                + " not a compact JWT: it has 2 parts, not 3"),
        scenario(
            "a JWT whose payload is no JSON",
            (s, run) -> s.sigstore().oidc().answerWith(NOT_JSON_JWT),
            "::error title=OIDC failed::OIDC: the runner returned an unusable token: the token's"
                + " payload is not JSON"),
        scenario(
            "claims missing a required field",
            (s, run) -> {
              Map<String, Object> claims = new HashMap<>(ActionRun.claims("public"));
              claims.remove("repository_visibility");
              claims.remove("job_workflow_ref");
              s.sigstore().oidc().setClaims(claims);
            },
            "::error title=OIDC failed::OIDC: the identity token lacks claims: the OIDC token lacks"
                + " the claims repository_visibility, job_workflow_ref; is it a GitHub Actions token?"),
        scenario(
            "a token for another repository",
            (s, run) -> run.env("GITHUB_REPOSITORY", "someone/else"),
            "::error title=Identity mismatch::GITHUB_REPOSITORY is 'someone/else'"),
        scenario(
            "Fulcio refuses",
            (s, run) -> s.sigstore().fulcio().failNext(1, 403),
            "::error title=Fulcio failed::"),
        scenario(
            "GitHub refuses the token",
            (s, run) -> run.input("github-token", WRONG_GITHUB_TOKEN),
            "::error title="),
        scenario(
            "GitHub echoes the token in an error",
            (s, run) ->
                s.github()
                    .faults()
                    .failNext(
                        "POST",
                        ".*/releases$",
                        1,
                        422,
                        Map.of(),
                        "Validation Failed for token " + GITHUB_TOKEN),
            "::error title=Release lookup failed::finding or creating the release failed: HTTP 422"
                + " {\"message\":\"Validation Failed for token ***\""),
        scenario(
            "an immutable release",
            (s, run) ->
                s.github().state().repository(ActionRun.REPOSITORY).addImmutable(ActionRun.TAG),
            "::error title="),
        scenario(
            "no commit for a new draft",
            (s, run) -> run.env("GITHUB_SHA", ""),
            "::error title=No commit::GITHUB_SHA is not set"),
        scenario(
            "continue-on-error after a failure",
            (s, run) ->
                run.input("continue-on-error", "true").env("GITHUB_REPOSITORY", "someone/else"),
            "::error title=Identity mismatch::"));
  }

  private static Arguments scenario(String name, Breakage breakage, String expectedError) {
    return Arguments.of(name, breakage, expectedError);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void noFailureShowsASecret(String name, Breakage breakage, String expectedError)
      throws IOException {
    ActionRun run =
        new ActionRun(temp.resolve("run"))
            .env(servers.sigstore().oidcEnvironment())
            .env(servers.github().environment())
            .input("sigstore", servers.sigstore().directory().toString())
            .input("github-token", GITHUB_TOKEN)
            .input(
                "subject-base64",
                Base64.getEncoder()
                    .encodeToString(
                        ("c".repeat(64) + "  pkg.whl\n").getBytes(StandardCharsets.UTF_8)));
    breakage.accept(servers, run);

    run.run();

    assertTrue(run.stdout().contains(expectedError), run.stdout());
    assertEquals(name.startsWith("continue-on-error") ? 0 : 1, run.exitCode(), run.stdout());
    List<String> secrets = new ArrayList<>(servers.sigstore().oidc().issuedTokens());
    secrets.add(servers.sigstore().oidc().requestToken());
    secrets.addAll(
        List.of(
            GITHUB_TOKEN,
            WRONG_GITHUB_TOKEN,
            WRONG_REQUEST_TOKEN,
            TWO_PART_JWT,
            NOT_JSON_JWT,
            "CANARY",
            "Q0FOQVJZbm90SnNvbg"));
    for (String secret : secrets) {
      for (Map.Entry<String, String> place : everythingWritten(run).entrySet()) {
        assertFalse(place.getValue().contains(secret), "a secret appears in " + place.getKey());
      }
    }
    assertTrue(run.stdout().startsWith("::add-mask::"), "masked first: " + run.stdout());
  }

  /** Every text the run could leave a secret in, by where it is. */
  private Map<String, String> everythingWritten(ActionRun run) throws IOException {
    Map<String, String> written = new LinkedHashMap<>();
    written.put(
        "stdout",
        String.join(
            "\n", run.stdout().lines().filter(line -> !line.startsWith("::add-mask::")).toList()));
    written.put("stderr", run.stderr());
    try (Stream<Path> files = Files.walk(temp.resolve("run"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        written.put(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
      }
    }
    for (GithubState.Release release :
        servers.github().state().repository(ActionRun.REPOSITORY).releases()) {
      for (GithubState.Asset asset : release.assets()) {
        written.put("asset " + asset.name(), asset.text());
      }
    }
    written.put(
        "attestations",
        String.join(
            "\n", servers.github().state().repository(ActionRun.REPOSITORY).attestations()));
    return written;
  }
}
