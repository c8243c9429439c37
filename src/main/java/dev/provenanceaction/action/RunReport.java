package dev.provenanceaction.action;

import dev.provenanceaction.release.ReleaseResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a generate run tells the runner and the user once its file is written and once it is
 * uploaded: the step's outputs, the job summary with the command that verifies an artifact, and
 * notices; off the runner, the file's path on standard output.
 */
final class RunReport {
  private final Map<String, String> env;
  private final PrintStream out;
  private final WorkflowCommands log;

  RunReport(Map<String, String> env, PrintStream out, WorkflowCommands log) {
    this.env = env;
    this.out = out;
    this.log = log;
  }

  /** Outputs and summary for the file, written before the upload so a later step can retry it. */
  void provenance(GenerateResult result) throws IOException {
    Optional<StepOutputs> outputs = outputs(env);
    if (outputs.isPresent()) {
      outputs.get().set("provenance-name", result.fileName());
      outputs.get().set("provenance-path", result.provenancePath().toString());
      outputs.get().set("subject-count", Integer.toString(result.subjects().size()));
      outputs.get().set("rekor-log-index", Long.toString(result.logIndex()));
      if (result.pypiAttestationsDir() != null) {
        outputs.get().set("pypi-attestations-dir", result.pypiAttestationsDir().toString());
      }
    } else {
      out.println(WorkflowCommands.plainLine(result.provenancePath().toString()));
    }
    if (result.pypiAttestationsDir() != null) {
      log.info(
          result.pypiAttestationCount()
              + " PyPI attestation(s) (<dist>.slsa.attestation) in "
              + result.pypiAttestationsDir());
    }
    if (result.trustedRootPath() != null) {
      log.info("trusted root of the ephemeral instance: " + result.trustedRootPath());
    }
    String summaryFile = env.get("GITHUB_STEP_SUMMARY");
    if (summaryFile != null && !summaryFile.isEmpty()) {
      StepSummary.append(Path.of(summaryFile), StepSummary.render(result, verifyCommand(result)));
      log.notice(
          "Provenance written",
          result.provenancePath()
              + ": "
              + result.subjects().size()
              + " subject(s), transparency log index "
              + result.logIndex());
    }
  }

  /**
   * Outputs and notice for the upload. When the bundles went into an asset the release already
   * held, {@code provenance-name} is set again to name it (the runner keeps a step's last value of
   * an output); {@code provenance-path} stays this run's own file, which holds only its bundles.
   */
  void release(ReleaseResult release, GenerateResult result) throws IOException {
    Optional<StepOutputs> outputs = outputs(env);
    if (outputs.isPresent()) {
      if (!release.provenanceName().equals(result.fileName())) {
        outputs.get().set("provenance-name", release.provenanceName());
      }
      outputs.get().set("release-id", Long.toString(release.releaseId()));
      outputs.get().set("release-url", release.releaseUrl().toString());
      outputs.get().set("asset-name", release.assetName());
      outputs.get().set("asset-url", release.assetUrl().toString());
      outputs.get().set("attestation-id", String.join(",", release.attestationIds()));
    }
    log.notice(
        "Provenance uploaded",
        release.assetName()
            + " on "
            + (release.draft() ? "draft " : "")
            + "release "
            + release.releaseUrl()
            + " now holds "
            + release.assetLineCount()
            + " bundle(s)");
  }

  /** The step's outputs file, when the runner gave one. */
  static Optional<StepOutputs> outputs(Map<String, String> env) {
    String outputFile = env.get("GITHUB_OUTPUT");
    return outputFile == null || outputFile.isEmpty()
        ? Optional.empty()
        : Optional.of(new StepOutputs(Path.of(outputFile)));
  }

  /**
   * The verifier's file on the release page of this action's version, as release.yml names it; a
   * build that is no release names the form.
   */
  private static String verifierJar() {
    return "provenance-action-v" + ActionVersion.release().orElse("X.Y.Z") + ".jar";
  }

  /** The command a user runs to check one of the artifacts against this file. */
  private String verifyCommand(GenerateResult result) {
    String repository = env.getOrDefault("GITHUB_REPOSITORY", "OWNER/REPO");
    String host = result.serverUrl().replaceFirst("^https?://", "");
    String ref = env.getOrDefault("GITHUB_REF", "");
    String refFlag =
        ref.startsWith("refs/tags/")
            ? " --source-tag " + ref.substring("refs/tags/".length())
            : ref.startsWith("refs/heads/")
                ? " --source-branch " + ref.substring("refs/heads/".length())
                : "";
    String trustedRoot =
        result.trustedRootPath() == null
            ? ""
            : " --trusted-root " + result.trustedRootPath().getFileName();
    return "java -jar "
        + verifierJar()
        + " verify-artifact --provenance-path "
        + result.fileName()
        + " --source-uri "
        + host
        + "/"
        + repository
        + refFlag
        + trustedRoot
        + " "
        + result.subjects().get(0).name();
  }
}
