package dev.provenanceaction.testing;

import dev.provenanceaction.TlsCaVariable;
import dev.provenanceaction.sigstore.InstanceChoice;
import dev.provenanceaction.sigstore.tuf.TufMirror;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The loopback Sigstore as a process of its own, for {@code scripts/bench-sign}: starts a {@link
 * LoopbackSigstore} (OIDC token endpoint, Fulcio, Rekor over TLS) whose tokens carry {@link
 * ActionRun}'s claims, writes the instance into {@code DIR/instance} and the variables a signing
 * job has into {@code DIR/env} ({@code NAME=value} lines), then either prints {@code ready} and
 * serves until its standard input closes, or, given a command after {@code --}, runs it with those
 * variables and exits with its status (a class-data archive's training run needs no shell to start
 * and stop the doubles).
 *
 * <p>Arguments: {@code DIR [rekor-v2] [tuf] [github] [warm=N] [latency=MS] [-- COMMAND...]}; with
 * {@code tuf}, a TUF repository publishes the instance as well, and public-good's real root history
 * is served beside it ({@link RealRootHistory}), for {@code scripts/bench-tuf}; with {@code
 * github}, the GitHub API double serves the repository, and {@code DIR/env} has what an action run
 * needs to upload to a release there (its variables and inputs); with {@code rekor-v2} the
 * instance's signing config selects a Rekor v2 log and a timestamp authority, as public-good's and
 * staging's do. With {@code warm=N}, before it is ready, the action signs N times one subject and N
 * times 1,000 in this process against the doubles: they stand for remote services, and until their
 * JIT compilers have compiled what a signing asks of them they take tens of milliseconds of CPU a
 * run from the clients being timed on the same cores (60 to 180 ms of a 0.3 s run after 40 runs
 * from outside, 20 ms once steady). With {@code latency=MS}, once warm, every service holds each
 * answer back MS milliseconds, as a remote one's round trips and work would.
 */
public final class ServeLoopbackSigstore {
  private static final String GITHUB_TOKEN = "ghs_loopbackDoubleToken0123456789";

  private ServeLoopbackSigstore() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args[0]);
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    int command = rest.indexOf("--");
    List<String> options = command >= 0 ? rest.subList(0, command) : rest;
    int status = 0;
    LoopbackSigstore.Layout layout =
        options.contains("rekor-v2")
            ? LoopbackSigstore.Layout.REKOR_V2
            : LoopbackSigstore.Layout.REKOR_V1;
    int warmSignings = number(options, "warm=");
    int latencyMillis = number(options, "latency=");
    try (LoopbackSigstore sigstore = LoopbackSigstore.start(dir.resolve("instance"), layout);
        TufRepository tuf = options.contains("tuf") ? servedThroughTuf(sigstore, dir) : null;
        RealRootHistory history =
            options.contains("tuf") ? servedRootHistory(sigstore, dir) : null;
        GithubApiServer github =
            options.contains("github") ? GithubApiServer.start(GITHUB_TOKEN) : null) {
      sigstore.oidc().setClaims(ActionRun.claims("public"));
      Map<String, String> env = new HashMap<>(sigstore.oidcEnvironment());
      env.put("GITHUB_REPOSITORY", ActionRun.REPOSITORY);
      env.put("GITHUB_SHA", ActionRun.SHA);
      if (github != null) {
        env.putAll(releaseEnvironment(github, dir));
      }
      Files.writeString(
          dir.resolve("env"),
          env.entrySet().stream()
              .map(entry -> entry.getKey() + "=" + entry.getValue() + "\n")
              .sorted()
              .collect(Collectors.joining()));
      warm(sigstore, dir.resolve("warm-up"), warmSignings);
      LoopbackHttps.delayAnswers(Duration.ofMillis(latencyMillis));
      if (command >= 0) {
        ProcessBuilder process = new ProcessBuilder(rest.subList(command + 1, rest.size()));
        process.environment().putAll(env);
        status = process.inheritIO().start().waitFor();
      } else {
        System.out.println("ready");
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    System.exit(status);
  }

  /**
   * A TUF repository that publishes the instance's trust root and signing config, as public-good's
   * does: its metadata's address in {@code DIR/tuf/metadata-url}, its first root in {@code
   * DIR/tuf/root.json} ({@link ResolveInstance} reads them).
   */
  private static TufRepository servedThroughTuf(LoopbackSigstore sigstore, Path dir)
      throws IOException {
    TufRepository tuf =
        TufRepository.start(
            sigstore.tls(),
            Map.of(
                InstanceChoice.TRUSTED_ROOT_FILE,
                Files.readAllBytes(sigstore.trustedRoot()),
                "signing_config.v0.2.json", // the target name public-good publishes
                Files.readAllBytes(
                    sigstore.directory().resolve(InstanceChoice.SIGNING_CONFIG_FILE))));
    TufMirror mirror = tuf.mirror("public-good");
    Files.createDirectories(dir.resolve("tuf"));
    Files.writeString(dir.resolve("tuf/metadata-url"), mirror.metadataUrl().toString());
    Files.writeString(dir.resolve("tuf/root.json"), mirror.initialRoot().get());
    return tuf;
  }

  /**
   * What an action run needs to upload to the GitHub double: a run for the tag, the token as its
   * {@code github-token} input, the API's address and its CA, copied into {@code DIR} so that a
   * container given {@code DIR} sees it; each upload replaces the asset the last one left.
   */
  private static Map<String, String> releaseEnvironment(GithubApiServer github, Path dir)
      throws IOException {
    github.state().addRepository(ActionRun.REPOSITORY);
    Path ca = dir.resolve("github-ca.pem");
    Files.copy(
        Path.of(github.environment().get(TlsCaVariable.NAME)),
        ca,
        StandardCopyOption.REPLACE_EXISTING);
    return Map.of(
        "GITHUB_API_URL",
        github.apiUrl().toString(),
        TlsCaVariable.NAME,
        ca.toString(),
        "GITHUB_REF",
        "refs/tags/" + ActionRun.TAG,
        "INPUT_GITHUB-TOKEN",
        GITHUB_TOKEN,
        "INPUT_ASSET-CONFLICT",
        "replace");
  }

  /**
   * Public-good's real root history, for the root walk {@code scripts/bench-tuf} times: its address
   * in {@code DIR/tuf/history-url}.
   */
  private static RealRootHistory servedRootHistory(LoopbackSigstore sigstore, Path dir)
      throws IOException {
    RealRootHistory history = RealRootHistory.start(sigstore.tls());
    Files.writeString(
        dir.resolve("tuf/history-url"),
        history.mirror(RealRootHistory.VERSION_12).metadataUrl().toString());
    return history;
  }

  private static int number(List<String> options, String prefix) {
    return options.stream()
        .filter(arg -> arg.startsWith(prefix))
        .mapToInt(arg -> Integer.parseInt(arg.substring(prefix.length())))
        .findFirst()
        .orElse(0);
  }

  private static void warm(LoopbackSigstore sigstore, Path root, int signings) throws IOException {
    for (int subjects : new int[] {1, 1000}) {
      StringBuilder sums = new StringBuilder();
      for (int i = 0; i < subjects; i++) {
        sums.append(String.format("%064x  pkg-%d-1.0.0-py3-none-any.whl%n", i, i));
      }
      String sumsBase64 =
          Base64.getEncoder().encodeToString(sums.toString().getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < signings; i++) {
        Path runRoot = root.resolve(subjects + "-" + i);
        ActionRun run =
            new ActionRun(runRoot)
                .env(sigstore.oidcEnvironment())
                .input("sigstore", sigstore.directory().toString())
                .input("upload-assets", "false")
                .input("subject-base64", sumsBase64)
                .run();
        if (run.exitCode() != 0) {
          throw new IllegalStateException("a warm-up signing failed:\n" + run.stdout());
        }
        deleteTree(runRoot);
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
