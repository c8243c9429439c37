package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.CommandRun;
import dev.provenanceaction.testing.GithubApiServer;
import dev.provenanceaction.testing.LoopbackSigstore;
import dev.provenanceaction.testing.RunnerCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names, tags and error texts crafted to inject workflow commands ({@code ::set-output}, {@code
 * ::add-mask::}, {@code ::stop-commands::}, the legacy {@code ##[...]}) reach the log only as text:
 * the raw stdout and stderr hold no line the runner would run, other than the action's own
 * annotations and masks.
 */
class WorkflowCommandInjectionTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);
  private static final String D = "d".repeat(64);
  private static final String E = "e".repeat(64);
  private static final String TOKEN = "ghs_injectionTestToken0123456789abcdef";

  @TempDir Path temp;

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertNoForeignCommands(ActionRun run, Set<String> secrets) {
    assertEquals(
        List.of(),
        RunnerCommands.foreignCommands(run.stdout() + "\n" + run.stderr(), secrets),
        run.stdout());
  }

  @Test
  void craftedSubjectNamesStayText() {
    String sums =
        String.join(
            "\n",
            A + "  ::set-output name=pwned::1",
            B + "    ::add-mask::everything",
            C + "  ::stop-commands::resume",
            D + " *##[set-output name=pwned;]1",
            E + "  %0A::error::forged %25",
            "");

    ActionRun run =
        new ActionRun(temp)
            .input("sigstore", "ephemeral")
            .input("subject-base64", base64(sums))
            .input("output-dir", "##[add-mask]dir")
            .run();

    assertEquals(0, run.exitCode(), run.stdout());
    assertTrue(
        Files.isDirectory(run.workspace().resolve("##[add-mask]dir")), "made: " + run.stdout());
    assertNoForeignCommands(run, Set.of());
  }

  @Test
  void aCraftedNameInTheProvenancePathAndTheLogStaysText() throws Exception {
    Files.createDirectories(temp.resolve("workspace/::stop-commands::x"));
    Files.createDirectories(temp.resolve("workspace/##[add-mask]dir"));
    for (String dir : List.of("::stop-commands::x", "##[add-mask]dir")) {
      ActionRun run =
          new ActionRun(temp)
              .env("GITHUB_OUTPUT", "")
              .input("sigstore", "ephemeral")
              .input("subject-base64", base64(A + "  ##[set-output name=pwned;]1\n"))
              .input("output-dir", dir)
              .run();

      assertEquals(0, run.exitCode(), run.stdout());
      assertTrue(
          run.stdout().contains("##%5Bset-output name=pwned;]1.intoto.jsonl"),
          "the path printed for a later step, defused: " + run.stdout());
      assertNoForeignCommands(run, Set.of());
    }
  }

  @Test
  void aDuplicateCraftedNameInAnErrorStaysText() {
    String sums = A + "  ::set-output name=x::y\n" + B + "  ::set-output name=x::y\n";

    ActionRun run =
        new ActionRun(temp)
            .input("sigstore", "ephemeral")
            .input("subject-base64", base64(sums))
            .run();

    assertEquals(1, run.exitCode());
    assertEquals(
        "::error title=Invalid subjects::subject-base64: line 2: '::set-output name=x::y' is listed"
            + " again with a different digest (first on line 1)\n",
        run.stdout());
    assertNoForeignCommands(run, Set.of());
  }

  @Test
  void craftedRefsAndTagsStayText() {
    for (String ref :
        List.of(
            "refs/heads/::stop-commands::x",
            "refs/heads/x\n::add-mask::y",
            "refs/heads/x\r##[set-output name=a;]b")) {
      ActionRun skipped =
          new ActionRun(temp.resolve("skip" + ref.hashCode()))
              .env("GITHUB_REF", ref)
              .input("sigstore", "ephemeral")
              .input("upload-assets", "")
              .input("subject-base64", base64(A + "  pkg.whl\n"))
              .run();
      assertEquals(0, skipped.exitCode(), skipped.stdout());
      assertNoForeignCommands(skipped, Set.of());
    }
  }

  @Test
  void craftedTagsAssetNamesAndServerErrorsStayText() throws Exception {
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(temp.resolve("sigstore"));
        GithubApiServer github = GithubApiServer.start(TOKEN)) {
      sigstore.oidc().setClaims(ActionRun.claims("public"));
      String tag = "v1 ##[set-output name=a;]b";
      github.state().addRepository(ActionRun.REPOSITORY).addDraft(tag);

      ActionRun uploaded =
          release(sigstore, github, "upload")
              .input("upload-tag-name", tag)
              .input("provenance-name", "::stop-commands::resume.intoto.jsonl")
              .run();
      assertEquals(0, uploaded.exitCode(), uploaded.stdout());
      assertTrue(
          uploaded.stdout().contains(" for tag v1 ##%5Bset-output name=a;]b\n"), uploaded.stdout());
      assertNoForeignCommands(
          uploaded, Set.of(TOKEN, sigstore.oidc().requestToken(), jwt(sigstore)));

      github
          .faults()
          .failNext(
              "POST",
              ".*/releases$",
              1,
              422,
              Map.of(),
              "Not Found\n::add-mask::x\n##[set-output name=a;]b\r::stop-commands::z");
      ActionRun refused = release(sigstore, github, "refused").run();
      assertEquals(1, refused.exitCode(), refused.stdout());
      assertTrue(
          refused
              .stdout()
              .contains(
                  "::error title=Release lookup failed::finding or creating the release failed: HTTP 422 {\"message\":\"Not Found\\n::add-mask::x"),
          refused.stdout());
      assertNoForeignCommands(
          refused, Set.of(TOKEN, sigstore.oidc().requestToken(), jwt(sigstore)));
    }
  }

  @Test
  void theCommandLineKeepsItsLinesOutOfTheRunnersWayToo() {
    CommandRun run =
        CommandRun.generate(
            Map.of(),
            List.of(
                "--sigstore",
                "ephemeral",
                "--subject-base64",
                base64(A + "  ##[add-mask]a\n" + B + "  ##[add-mask]a\n")));

    assertEquals(2, run.exitCode());
    String printed = run.err();
    assertTrue(printed.startsWith("error: subject-base64: line 2: '##%5Badd-mask]a'"), printed);
    assertEquals(List.of(), RunnerCommands.commandLines(printed));
  }

  private static String jwt(LoopbackSigstore sigstore) {
    List<String> issued = sigstore.oidc().issuedTokens();
    return issued.isEmpty() ? "" : issued.get(issued.size() - 1);
  }

  private ActionRun release(LoopbackSigstore sigstore, GithubApiServer github, String name) {
    return new ActionRun(temp.resolve(name))
        .env(sigstore.oidcEnvironment())
        .env(github.environment())
        .input("sigstore", sigstore.directory().toString())
        .input("github-token", TOKEN)
        .input("subject-base64", base64(A + "  pkg.whl\n"));
  }
}
