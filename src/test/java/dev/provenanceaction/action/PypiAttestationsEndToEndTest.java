package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenanceaction.sigstore.bundle.Pep740Attestation;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.trust.TrustedRoot;
import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.CommandRun;
import dev.provenanceaction.testing.LoopbackSigstore;
import dev.provenanceaction.verify.BundleVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pypi-attestations: true} against the loopback Sigstore: one PEP 740 attestation per
 * distribution, one certificate for the run, one log entry each, and every refusal before signing
 * with nothing written. The attestations, as bundles, are kept under {@code
 * target/e2e-bundles/pypi-attestations} for sigstore-js.
 */
class PypiAttestationsEndToEndTest {
  private static final List<String> DISTS =
      List.of(
          "octo_pkg-1.2.3-py3-none-any.whl",
          "octo_pkg-1.2.3-cp312-cp312-manylinux_2_17_x86_64.whl",
          "octo_pkg-1.2.3.tar.gz");
  private static final String SBOM = "octo_pkg-1.2.3.spdx.json";

  @TempDir Path temp;
  private LoopbackSigstore sigstore;

  @BeforeEach
  void startSigstore() {
    sigstore = LoopbackSigstore.start(temp.resolve("sigstore"));
    sigstore.oidc().setClaims(ActionRun.claims("public"));
  }

  @AfterEach
  void stopSigstore() {
    sigstore.close();
  }

  private static String digest(int index) {
    return Integer.toHexString(10 + index).repeat(64);
  }

  private static String sums() {
    StringBuilder sums = new StringBuilder();
    for (int i = 0; i < DISTS.size(); i++) {
      sums.append(digest(i)).append("  ").append(DISTS.get(i)).append('\n');
    }
    return sums.append("f".repeat(64)).append("  ").append(SBOM).append('\n').toString();
  }

  private ActionRun action(String sums) {
    return new ActionRun(temp.resolve("run"))
        .env(sigstore.oidcEnvironment())
        .input("sigstore", sigstore.directory().toString())
        .input("subject-base64", base64(sums))
        .input("upload-assets", "false")
        .input("pypi-attestations", "true")
        .input("pypi-attestations-dir", "pypi-attestations");
  }

  @Test
  void writesOneAttestationPerDistributionWithOneCertificateAndAnEntryEach() throws Exception {
    ActionRun run = action(sums()).run();

    assertEquals(0, run.exitCode(), run.stdout());
    Path directory = run.workspace().resolve("pypi-attestations");
    assertTrue(run.outputs().contains("pypi-attestations-dir=" + directory + "\n"), run.outputs());
    assertTrue(
        run.stdout()
            .contains(
                "::notice title=No PyPI attestation::1 subject(s) are no Python distribution and"
                    + " get no PyPI attestation: "
                    + SBOM),
        run.stdout());
    try (Stream<Path> files = Files.list(directory)) {
      assertEquals(
          new TreeSet<>(DISTS.stream().map(dist -> dist + ".slsa.attestation").toList()),
          new TreeSet<>(files.map(file -> file.getFileName().toString()).toList()));
    }

    SigstoreBundle release =
        SigstoreBundle.parse(Files.readString(run.workspace().resolve("multiple.intoto.jsonl")));
    JsonNode releaseStatement = new ObjectMapper().readTree(release.envelope().payload());
    BundleVerifier verifier =
        BundleVerifier.create(TrustedRoot.parse(Files.readAllBytes(sigstore.trustedRoot())));
    Set<Long> logIndexes = new HashSet<>(Set.of(release.logEntry().logIndex()));
    Path kept = Files.createDirectories(Path.of("target", "e2e-bundles", "pypi-attestations"));
    for (int i = 0; i < DISTS.size(); i++) {
      Path file = directory.resolve(DISTS.get(i) + ".slsa.attestation");
      assertEquals("rw-r--r--", GenerateOutputDirectoryTest.mode(file));
      String json = Files.readString(file);
      SigstoreBundle bundle = Pep740Attestation.parse(json);
      verifier.verify(bundle);
      assertEquals(release.certificate(), bundle.certificate(), "one certificate for the run");
      logIndexes.add(bundle.logEntry().logIndex());

      JsonNode statement = new ObjectMapper().readTree(bundle.envelope().payload());
      assertEquals(1, statement.get("subject").size());
      assertEquals(DISTS.get(i), statement.at("/subject/0/name").asText());
      assertEquals(Set.of("sha256"), fieldNames(statement.at("/subject/0/digest")));
      assertEquals(digest(i), statement.at("/subject/0/digest/sha256").asText());
      assertEquals("https://in-toto.io/Statement/v1", statement.get("_type").asText());
      assertEquals("https://slsa.dev/provenance/v1", statement.get("predicateType").asText());
      assertEquals(releaseStatement.get("predicate"), statement.get("predicate"));

      Files.writeString(
          kept.resolve(DISTS.get(i) + ".intoto.jsonl"),
          new String(bundle.toJsonLine(), StandardCharsets.UTF_8) + "\n");
    }
    Files.copy(
        sigstore.trustedRoot(),
        kept.resolve("trusted_root.json"),
        StandardCopyOption.REPLACE_EXISTING);
    assertEquals(4, logIndexes.size(), "the release file and each attestation have an entry");
    assertEquals(4, sigstore.rekor().log().size());
    assertEquals(1, sigstore.fulcio().requestCount());
  }

  @Test
  void theCommandLineTakesTheFlags() throws Exception {
    Path sums = Files.writeString(temp.resolve("SHA256SUMS"), sums());
    Path directory = temp.resolve("cli/attestations");

    CommandRun run =
        CommandRun.generate(
            Map.of("GITHUB_REPOSITORY", ActionRun.REPOSITORY),
            List.of(
                "--sigstore",
                "ephemeral",
                "--subject-checksums",
                sums.toString(),
                "--output-dir",
                temp.toString(),
                "--pypi-attestations",
                "--pypi-attestations-dir",
                directory.toString()));

    assertEquals(0, run.exitCode(), run.err());
    TrustedRoot root = TrustedRoot.parse(Files.readAllBytes(temp.resolve("trusted_root.json")));
    for (String dist : DISTS) {
      BundleVerifier.create(root)
          .verify(
              Pep740Attestation.parse(
                  Files.readString(directory.resolve(dist + ".slsa.attestation"))));
    }
  }

  /**
   * Field for field the shape of pypi-attestations' own file (its model's {@code
   * model_dump_json()}): the same names at the same places, and the bytes in plain base64.
   */
  @Test
  void hasTheFieldsOfPypiAttestationsOwnFile() throws Exception {
    ActionRun run = action(sums()).run();
    assertEquals(0, run.exitCode(), run.stdout());
    String ours =
        Files.readString(
            run.workspace().resolve("pypi-attestations/" + DISTS.get(2) + ".slsa.attestation"));
    String theirs =
        Files.readString(
            Path.of(
                "src/test/resources/real/pypi/pypi_attestations-0.0.19.tar.gz.slsa.attestation"));

    ObjectMapper mapper = new ObjectMapper();
    JsonNode ourTree = mapper.readTree(ours);
    JsonNode theirTree = mapper.readTree(theirs);
    assertEquals(paths(theirTree, ""), paths(ourTree, ""));
    assertEquals(
        List.of("version", "verification_material", "envelope"),
        List.copyOf(orderedFieldNames(ourTree)));
    assertEquals(
        List.copyOf(orderedFieldNames(theirTree.get("verification_material"))),
        List.copyOf(orderedFieldNames(ourTree.get("verification_material"))));
    assertEquals(1, ourTree.get("version").asInt());
    Base64.Decoder plain = Base64.getDecoder();
    plain.decode(ourTree.at("/verification_material/certificate").asText());
    plain.decode(ourTree.at("/envelope/signature").asText());
    assertEquals(
        SigstoreBundle.parse(
                Files.readString(run.workspace().resolve("multiple.intoto.jsonl")).strip())
            .certificate(),
        Pep740Attestation.parse(ours).certificate());
    assertEquals(Pep740Attestation.toJson(Pep740Attestation.parse(theirs)), theirs.strip());
    assertFalse(ours.endsWith("\n"), "written as model_dump_json writes it");
  }

  @Test
  void refusesTheReusableWorkflowBeforeSigning() throws Exception {
    Map<String, Object> claims = ActionRun.claims("public");
    claims.put(
        "job_workflow_ref",
        "provenance-action/provenance-action/.github/workflows/provenance.yml@refs/tags/v1");
    sigstore.oidc().setClaims(claims);

    ActionRun run = action(sums()).run();

    assertRefused(
        run,
        "::error title=pypi-attestations needs the action::pypi-attestations: this job runs the"
            + " reusable workflow provenance-action/provenance-action/.github/workflows/"
            + "provenance.yml@refs/tags/v1, so the certificate would name that workflow's"
            + " repository, not octo-org/octo-pkg, and PyPI rejects");
  }

  @Test
  void refusesTwoDistributionsOfOneFileName() throws Exception {
    ActionRun run = new ActionRun(temp.resolve("run"));
    Files.createDirectories(run.workspace().resolve("a"));
    Files.createDirectories(run.workspace().resolve("b"));
    Files.writeString(run.workspace().resolve("a/pkg-1.0-py3-none-any.whl"), "one");
    Files.writeString(run.workspace().resolve("b/pkg-1.0-py3-none-any.whl"), "two");
    run.env(sigstore.oidcEnvironment())
        .input("sigstore", sigstore.directory().toString())
        .input("subject-path", "**/*.whl")
        .input("upload-assets", "false")
        .input("pypi-attestations", "true")
        .run();

    assertRefused(
        run,
        "::error title=Invalid subjects for pypi-attestations::two subjects have the file name"
            + " 'pkg-1.0-py3-none-any.whl' ('a/pkg-1.0-py3-none-any.whl' and"
            + " 'b/pkg-1.0-py3-none-any.whl')");
    assertEquals(0, sigstore.oidc().requestCount(), "refused before any network call");
  }

  @Test
  void refusesASha512OnlyDistribution() throws Exception {
    ActionRun run = action("c".repeat(128) + "  pkg-1.0.tar.gz\n").run();

    assertRefused(
        run,
        "::error title=Invalid subjects for pypi-attestations::'pkg-1.0.tar.gz' has a sha512"
            + " digest only: PyPI checks an attestation against the file's sha256");
    assertEquals(0, sigstore.oidc().requestCount(), "refused before any network call");
  }

  @Test
  void refusesTheV02Predicate() throws Exception {
    ActionRun run = action(sums()).input("predicate-type", "slsa-v0.2").run();

    assertRefused(
        run,
        "::error title=Invalid predicate-type::pypi-attestations needs predicate-type slsa-v1");
    assertEquals(0, sigstore.oidc().requestCount(), "refused before any network call");
  }

  @Test
  void refusesSubjectsWithoutADistribution() throws Exception {
    ActionRun run = action("f".repeat(64) + "  " + SBOM + "\n").run();

    assertRefused(
        run,
        "::error title=No Python distribution::pypi-attestations: no subject is a Python"
            + " distribution");
    assertEquals(0, sigstore.oidc().requestCount(), "refused before any network call");
  }

  @Test
  void aFailingLogLeavesNoFile() throws Exception {
    sigstore.rekor().failNext(1000, 500);

    ActionRun run = action(sums()).run();

    assertEquals(1, run.exitCode());
    assertTrue(run.stdout().contains("::error title=Rekor failed::"), run.stdout());
    assertNothingWritten(run);
  }

  private void assertRefused(ActionRun run, String errorStart) throws Exception {
    assertEquals(1, run.exitCode(), run.stdout());
    assertTrue(
        run.stdout().lines().anyMatch(line -> line.startsWith(errorStart)),
        run.stdout() + "\n expected a line starting " + errorStart);
    assertEquals(0, sigstore.fulcio().requestCount(), "nothing was signed");
    assertNothingWritten(run);
  }

  private static void assertNothingWritten(ActionRun run) throws Exception {
    assertFalse(Files.exists(run.workspace().resolve("pypi-attestations")));
    assertFalse(Files.exists(run.workspace().resolve("multiple.intoto.jsonl")));
    try (Stream<Path> files = Files.walk(run.workspace())) {
      assertEquals(
          List.of(),
          files
              .filter(Files::isRegularFile)
              .filter(file -> !file.toString().endsWith(".whl"))
              .toList());
    }
    assertEquals("", run.outputs());
  }

  private static Set<String> fieldNames(JsonNode node) {
    return new TreeSet<>(orderedFieldNames(node));
  }

  private static List<String> orderedFieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Every field's path, arrays' elements as {@code []}. */
  private static Set<String> paths(JsonNode node, String at) {
    Set<String> paths = new TreeSet<>();
    if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        paths.add(at + "/" + name);
        paths.addAll(paths(node.get(name), at + "/" + name));
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        paths.addAll(paths(element, at + "/[]"));
      }
    }
    return paths;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
