package dev.provenanceaction.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.provenanceaction.provenance.StatementClaims;
import dev.provenanceaction.verify.Artifact;
import dev.provenanceaction.verify.ArtifactResult;
import dev.provenanceaction.verify.CertificateIdentity;
import dev.provenanceaction.verify.IdentityPolicy;
import dev.provenanceaction.verify.VerifiedProvenance;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the results of a verify command: a line per artifact for people, the signed statements
 * with {@code --print-provenance}, or one JSON document with {@code --json}. Failures always go to
 * stderr; stdout carries only the machine-readable output when one is asked for.
 */
final class VerifyReport {
  /** Jackson databind, loaded only for {@code --json}: a one-shot verify pays for its classes. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final PrintStream out;
  private final PrintStream err;
  private final boolean json;
  private final boolean printStatements;

  VerifyReport(PrintStream out, PrintStream err, boolean json, boolean printStatements) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.printStatements = printStatements;
  }

  /** Prints every result and returns whether all artifacts verified. */
  boolean print(String provenancePath, List<ArtifactResult> results) {
    PrintStream progress = json || printStatements ? err : out;
    boolean allVerified = true;
    for (ArtifactResult result : results) {
      Artifact artifact = result.artifact();
      String what = artifact.name() + " (sha256:" + artifact.sha256() + ")";
      if (result.isVerified()) {
        VerifiedProvenance provenance = result.provenance().get();
        progress.println(
            "PASSED: "
                + what
                + ": "
                + provenancePath
                + " "
                + provenance.place()
                + ", signed by "
                + IdentityPolicy.describe(provenance.identity().subjectAlternativeName())
                + " for "
                + provenance.identity().sourceRepositoryUri().orElse("no repository")
                + " at "
                + provenance.identity().sourceRef().orElse("no ref")
                + ", logged "
                + provenance.integratedTime()
                + " (Rekor index "
                + provenance.logIndex()
                + ")"
                + note(provenance.claims()));
      } else {
        allVerified = false;
        err.println("FAILED: " + what + ": " + result.failure().get().message());
      }
    }
    if (json) {
      out.println(toJson(provenancePath, results, allVerified));
    } else if (printStatements) {
      statements(results).values().forEach(out::println);
    }
    return allVerified;
  }

  /** What a verified statement does not say, where a reader could assume it does. */
  private static String note(StatementClaims claims) {
    if (claims.predicateType().equals(StatementClaims.PYPI_PUBLISH_V1)) {
      return "; a PyPI publish attestation: it says who uploaded the file to PyPI, not how it was"
          + " built";
    }
    return "";
  }

  /** Each verified statement once, however many artifacts it vouches for. */
  private static Map<String, String> statements(List<ArtifactResult> results) {
    Map<String, String> statements = new LinkedHashMap<>();
    for (ArtifactResult result : results) {
      result
          .provenance()
          .ifPresent(
              p ->
                  statements.putIfAbsent(
                      p.place(), new String(p.statement(), StandardCharsets.UTF_8)));
    }
    return statements;
  }

  private String toJson(String provenancePath, List<ArtifactResult> results, boolean verified) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("verified", verified);
    root.put("provenancePath", provenancePath);
    ArrayNode artifacts = root.putArray("artifacts");
    for (ArtifactResult result : results) {
      ObjectNode node = artifacts.addObject();
      node.put("name", result.artifact().name());
      node.put("sha256", result.artifact().sha256());
      node.put("verified", result.isVerified());
      result.failure().ifPresent(f -> node.put("check", f.check()).put("message", f.message()));
      result.provenance().ifPresent(p -> describe(node, p));
    }
    return root.toString();
  }

  private void describe(ObjectNode node, VerifiedProvenance provenance) {
    CertificateIdentity identity = provenance.identity();
    StatementClaims claims = provenance.claims();
    node.put("line", provenance.line());
    if (!provenance.path().isEmpty()) {
      node.put("path", provenance.path());
    }
    node.put("issuer", identity.issuer().orElse(null));
    node.put("subjectAlternativeName", identity.subjectAlternativeName());
    node.put("sourceRepositoryUri", identity.sourceRepositoryUri().orElse(null));
    node.put("sourceRef", identity.sourceRef().orElse(null));
    if (!claims.statementType().isEmpty()) {
      // A blob signature has no statement to describe.
      node.put("statementType", claims.statementType());
      node.put("predicateType", claims.predicateType());
    }
    node.put("integratedTime", provenance.integratedTime().toString());
    node.put("logIndex", provenance.logIndex());
    if (printStatements) {
      // As signed: the verifier has read it, strictly, once; it is JSON without a repeated key.
      node.putRawValue(
          "statement", new RawValue(new String(provenance.statement(), StandardCharsets.UTF_8)));
    }
  }
}
