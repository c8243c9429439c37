package dev.provenanceaction.subject;

import dev.provenanceaction.provenance.PredicateType;
import dev.provenanceaction.provenance.ProvenanceStatement;
import dev.provenanceaction.provenance.WorkflowClaims;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * 100,000 lines of {@code sha256sum} output, as a monorepo's {@code subject-checksums} file holds
 * them: parsed alone, and parsed then written as the SLSA v1 statement the action signs. Run by
 * {@code scripts/bench-parse}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ChecksumParserBenchmark {
  static final int LINES = 100_000;

  private byte[] checksums;
  private WorkflowClaims claims;

  @Setup
  public void makeChecksums() throws NoSuchAlgorithmException {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    HexFormat hex = HexFormat.of();
    StringBuilder text = new StringBuilder(LINES * 140);
    for (int i = 0; i < LINES; i++) {
      byte[] digest = sha256.digest(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      text.append(hex.formatHex(digest))
          .append("  pkg_")
          .append(i)
          .append("-1.0.0-cp312-cp312-manylinux_2_17_x86_64.whl\n");
    }
    checksums = text.toString().getBytes(StandardCharsets.UTF_8);
    String repository = "octo-org/monorepo";
    String workflowRef = repository + "/.github/workflows/release.yml@refs/tags/v1.0.0";
    String sha = "ebff8dfbd609b7b22237c7719ce07f2dc7934f5f";
    claims =
        WorkflowClaims.from(
            Map.ofEntries(
                Map.entry("iss", "https://token.actions.githubusercontent.com"),
                Map.entry("sub", "repo:" + repository + ":ref:refs/tags/v1.0.0"),
                Map.entry("repository", repository),
                Map.entry("repository_id", "123456"),
                Map.entry("repository_owner", "octo-org"),
                Map.entry("repository_owner_id", "654321"),
                Map.entry("repository_visibility", "public"),
                Map.entry("ref", "refs/tags/v1.0.0"),
                Map.entry("ref_type", "tag"),
                Map.entry("sha", sha),
                Map.entry("workflow", "release"),
                Map.entry("workflow_ref", workflowRef),
                Map.entry("workflow_sha", sha),
                Map.entry("job_workflow_ref", workflowRef),
                Map.entry("job_workflow_sha", sha),
                Map.entry("event_name", "push"),
                Map.entry("run_id", "11941425487"),
                Map.entry("run_attempt", "1"),
                Map.entry("run_number", "7"),
                Map.entry("runner_environment", "github-hosted"),
                Map.entry("actor", "octocat"),
                Map.entry("actor_id", "583231")));
  }

  /**
   * One cold call of the benchmark named by the argument ({@code parse} or {@code
   * parseIntoStatement}) in this fresh JVM, printed as wall time and as the CPU time of this
   * thread, which moves less with the machine's load than wall time does. Run by {@code
   * scripts/bench-parse}.
   */
  public static void main(String[] args) throws Exception {
    ChecksumParserBenchmark benchmark = new ChecksumParserBenchmark();
    benchmark.makeChecksums();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    Object result =
        switch (args[0]) {
          case "parse" -> benchmark.parse();
          case "parseIntoStatement" -> benchmark.parseIntoStatement();
          default -> throw new IllegalArgumentException("no benchmark " + args[0]);
        };
    long wall = System.nanoTime() - wallStart;
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    System.out.printf(
        Locale.ROOT,
        "%s wall %.1f ms, thread CPU %.1f ms (result %d)%n",
        args[0],
        wall / 1e6,
        cpu / 1e6,
        result.hashCode());
  }

  @Benchmark
  public List<Subject> parse() throws SubjectException {
    return ChecksumParser.parse(new ByteArrayInputStream(checksums));
  }

  @Benchmark
  public byte[] parseIntoStatement() throws SubjectException {
    return ProvenanceStatement.serialize(
        PredicateType.SLSA_V1, parse(), claims, "https://github.com", null);
  }
}
