package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.provenanceaction.testing.ActionRun;
import dev.provenanceaction.testing.LoopbackSigstore;
import dev.provenanceaction.testing.LoopbackSigstore.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A signing run, as its own JVM, loads nothing of the JDK's {@code java.net.http}: its start costs
 * a cold JVM about 100 ms, so the Sigstore calls go over {@code HttpsURLConnection}, and only the
 * release upload, which needs {@code PATCH}, uses that client. Nor, with either Rekor version,
 * anything of BouncyCastle: its time-stamp classes took about 0.09 s of a Rekor v2 run, so {@code
 * sigstore.tsa} reads RFC 3161 answers itself; nor the JDK's {@code AnchorCertificates}, a second
 * read of its whole cacerts for the trust manager's host name check, which HttpsURLConnection makes
 * instead after the handshake (BENCHMARKS.md).
 */
class SigningClassesTest {
  private static final String SDIST = "octo_pkg-1.2.3.tar.gz";

  @TempDir Path temp;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSigningRunLoadsNoJavaNetHttpBouncyCastleOrAnchorCertificatesClass(boolean rekorV2)
      throws Exception {
    try (LoopbackSigstore sigstore =
        LoopbackSigstore.start(
            temp.resolve("sigstore"), rekorV2 ? Layout.REKOR_V2 : Layout.REKOR_V1)) {
      ActionRun run = ActionRun.signingOneFile(temp.resolve("run"), sigstore, SDIST);
      Path classes = temp.resolve("classes.log");
      ProcessBuilder process =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-XX:TieredStopAtLevel=1",
              "-Xlog:class+load=info:file=" + classes,
              "-cp",
              System.getProperty("java.class.path"),
              "dev.provenanceaction.Main");
      process.environment().putAll(run.environment());
      process.redirectErrorStream(true);
      process.redirectOutput(temp.resolve("output").toFile());

      assertEquals(0, process.start().waitFor(), Files.readString(temp.resolve("output")));

      Path provenance = run.workspace().resolve(SDIST + ".intoto.jsonl");
      assertTrue(Files.exists(provenance), "signed");
      assertEquals(
          rekorV2, Files.readString(provenance).contains("rfc3161Timestamps"), "timestamped");
      List<String> loaded =
          Files.readAllLines(classes).stream()
              .filter(
                  line ->
                      line.contains(" java.net.http.")
                          || line.contains(" jdk.internal.net.http.")
                          || line.contains(" org.bouncycastle.")
                          || line.contains(" sun.security.util.AnchorCertificates"))
              .toList();
      assertEquals(List.of(), loaded);
    }
  }
}
