package dev.provenanceaction.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.provenanceaction.provenance.PredicateType;
import dev.provenanceaction.provenance.ProvenanceFileName;
import dev.provenanceaction.provenance.ProvenanceStatement;
import dev.provenanceaction.provenance.WorkflowClaims;
import dev.provenanceaction.retry.Deadline;
import dev.provenanceaction.retry.Sleeper;
import dev.provenanceaction.sigstore.Background;
import dev.provenanceaction.sigstore.RetryPolicy;
import dev.provenanceaction.sigstore.SigstoreException;
import dev.provenanceaction.sigstore.SigstoreHttp;
import dev.provenanceaction.sigstore.SigstoreInstance;
import dev.provenanceaction.sigstore.StatementSigner;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import dev.provenanceaction.sigstore.oidc.OidcToken;
import dev.provenanceaction.sigstore.trust.SigningConfig;
import dev.provenanceaction.sigstore.tuf.TufCache;
import dev.provenanceaction.subject.Subject;
import dev.provenanceaction.verify.BundleVerifier;
import dev.provenanceaction.verify.VerificationException;
import dev.provenanceaction.verify.VerifiedBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code generate}: the action's pipeline, step by step. Work that needs no network overlaps the
 * steps that wait (an offline instance is made while the input is read, the token endpoint's TLS
 * connection while the instance is resolved, the key while the token is asked for, the statement
 * while its certificate is, the certificate while the signature is logged), no request is sent
 * before the input has proved valid, and nothing reaches the workspace until the signed bundle has
 * verified.
 */
public final class GenerateCommand {
  /** An event.json larger than this is not a real event; refuse it rather than embed it. */
  static final long MAX_EVENT_BYTES = 16L * 1024 * 1024;

  private final Map<String, String> env;
  private final WorkflowCommands log;
  private final Deadline deadline;
  private final Sleeper sleeper;

  /**
   * @param deadline the run's one deadline for network work, which the Sigstore calls and the
   *     release upload share
   * @param sleeper waits between the Sigstore calls' retries, as the release upload's
   */
  public GenerateCommand(
      Map<String, String> env, WorkflowCommands log, Deadline deadline, Sleeper sleeper) {
    this.env = env;
    this.log = log;
    this.deadline = deadline;
    this.sleeper = sleeper;
  }

  public GenerateResult run(GenerateOptions options)
      throws UsageException, SigstoreException, VerificationException, IOException {
    SigstoreHttp http = SigstoreInstance.httpFor(options.sigstore(), retries());
    // An instance that needs no network (ephemeral keys, a custom instance's files) is made while
    // the subjects are read; one behind TUF waits until the input has proved valid.
    CompletableFuture<SigstoreInstance> early =
        options.sigstore().isBehindTuf() ? null : startResolving(options, http);
    List<Subject> subjects = SubjectInput.read(options);
    ProvenanceFileName fileName = fileName(options, subjects);
    Path provenancePath;
    try {
      provenancePath = options.outputDir().resolve(fileName.value());
    } catch (InvalidPathException e) {
      throw WorkspacePaths.unspellableName(
          "the provenance file name", fileName.value(), "set provenance-name to a name in ASCII");
    }
    WorkspacePaths.checkWritable("provenance-name", provenancePath);
    Path trustedRootPath =
        options.sigstore().isEphemeral() ? options.outputDir().resolve("trusted_root.json") : null;
    if (trustedRootPath != null) {
      WorkspacePaths.checkWritable("output-dir", trustedRootPath);
    }
    PypiAttestations pypi =
        options.pypiAttestationsDir().isPresent()
            ? PypiAttestations.plan(subjects, options.pypiAttestationsDir().get(), log)
            : null;
    // SLSA v1 does not embed the event (null): reading it would start Jackson's tree model.
    JsonNode event = options.predicateType() == PredicateType.SLSA_V02 ? readEvent() : null;
    String serverUrl = serverUrl();
    IdentityStep identity = new IdentityStep(env, log);
    identity.checkAvailable(options.sigstore());

    SigstoreInstance instance;
    StatementSigner.Signing signing;
    WorkflowClaims claims;
    byte[] statement;
    if (options.sigstore().isEphemeral()) {
      log.warning(
          "Ephemeral Sigstore",
          "signed with a throw-away certificate authority and transparency log: this provenance"
              + " proves nothing to anyone else. Use it as a dry run only.");
      // Its token is made from the environment, not fetched: the statement is written while the
      // instance makes its keys on the other core.
      OidcToken token = identity.ephemeralToken();
      claims = identity.claims(token);
      checkPublisher(pypi, claims);
      statement = statement(options, subjects, claims, serverUrl, event);
      instance = Background.await(early);
      signing = instance.signer().begin().certify(token);
    } else {
      CompletableFuture<SigstoreInstance> resolving =
          early != null ? early : startResolving(options, http);
      // The token endpoint's TLS handshake runs while the instance is resolved, the key is made
      // while the token is asked for, its certificate while the statement is written.
      CompletableFuture<OidcToken> requested = identity.request(http, resolving);
      instance = Background.await(resolving);
      signing = instance.signer().begin();
      OidcToken token = identity.received(requested);
      identity.checkIssuer(token, options.sigstore());
      claims = identity.checkClaims(token, instance, options.privateRepository());
      checkPublisher(pypi, claims);
      signing.certify(token);
      statement = statement(options, subjects, claims, serverUrl, event);
    }
    List<byte[]> statements = new ArrayList<>(List.of(statement));
    if (pypi != null) {
      statements.addAll(pypi.statements(claims, serverUrl));
    }
    BundleVerifier verifier = BundleVerifier.create(instance.trustedRoot());
    // The certificate is checked while the signatures are logged.
    BundleVerifier.CertificateCheck certificate = verifier.checkAhead(signing.certificate());
    List<SigstoreBundle> bundles =
        signing.signEach(statements, PypiAttestations.MAX_CONCURRENT_LOG_REQUESTS);
    SigstoreBundle bundle = bundles.get(0);
    // Written out while it is verified; its file is written only once it has been.
    CompletableFuture<byte[]> json = Background.start("bundle-json", bundle::toJsonLine);
    // The envelope's payload is the statement's own array, so the bundle verified signs it.
    VerifiedBundle verified = verifier.verify(bundle, certificate);

    Map<Path, byte[]> files = new LinkedHashMap<>();
    if (pypi != null) {
      files.putAll(
          pypi.files(
              statements.subList(1, statements.size()),
              bundles.subList(1, bundles.size()),
              verifier));
    }
    if (trustedRootPath != null) {
      files.put(trustedRootPath, instance.trustedRoot().toJson());
    }
    byte[] written = Background.await(json, RuntimeException.class);
    byte[] line = Arrays.copyOf(written, written.length + 1);
    line[written.length] = '\n';
    files.put(provenancePath, line);
    WorkspaceFiles.writeAllAtomically(files);
    return new GenerateResult(
        provenancePath,
        fileName.value(),
        subjects,
        instance.name(),
        instance.ephemeral(),
        bundle.logEntry().logIndex(),
        verified.integratedTime().getEpochSecond(),
        trustedRootPath,
        claims.repositoryVisibility(),
        pypi == null ? null : pypi.directory(),
        bundles.size() - 1,
        serverUrl);
  }

  private static byte[] statement(
      GenerateOptions options,
      List<Subject> subjects,
      WorkflowClaims claims,
      String serverUrl,
      JsonNode event) {
    return ProvenanceStatement.serialize(
        options.predicateType(), subjects, claims, serverUrl, event);
  }

  /** Before any certificate is asked for, as PyPI would refuse its attestations. */
  private static void checkPublisher(PypiAttestations pypi, WorkflowClaims claims)
      throws UsageException {
    if (pypi != null) {
      PypiAttestations.checkPublisherIdentity(claims);
    }
  }

  private static ProvenanceFileName fileName(GenerateOptions options, List<Subject> subjects)
      throws UsageException {
    if (options.provenanceName().isPresent()) {
      return options.provenanceName().get();
    }
    try {
      return ProvenanceFileName.defaultFor(subjects);
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          "Invalid provenance-name",
          "the subject's name makes no file name ("
              + e.getMessage()
              + "); set provenance-name to name the provenance file");
    }
  }

  private CompletableFuture<SigstoreInstance> startResolving(
      GenerateOptions options, SigstoreHttp http) {
    return Background.start(
        "sigstore-instance",
        () ->
            SigstoreInstance.resolve(options.sigstore(), tufCache(), rekorVersions(options), http));
  }

  private RetryPolicy retries() {
    return RetryPolicy.standard().withLog(log::info).withDeadline(deadline).withSleeper(sleeper);
  }

  /**
   * A PEP 740 attestation has room for one transparency log entry with its inclusion promise and no
   * RFC 3161 timestamp (issue 14), so a run that makes them logs on Rekor v1, which public-good's
   * signing config still lists beside its v2 log.
   */
  private static List<Integer> rekorVersions(GenerateOptions options) {
    return options.pypiAttestationsDir().isPresent() ? List.of(1) : SigningConfig.REKOR_VERSIONS;
  }

  /**
   * TUF metadata in the job's temporary directory, which the runner empties before each job: a
   * second run of the action in the same job reuses what the first verified.
   */
  private TufCache tufCache() {
    String temp = env.get("RUNNER_TEMP");
    Path base =
        Path.of(temp == null || temp.isEmpty() ? System.getProperty("java.io.tmpdir") : temp);
    return TufCache.in(base.resolve("provenance-action").resolve("tuf"));
  }

  /** The builder and source URIs start with it; the runner sets it without a trailing slash. */
  private String serverUrl() throws UsageException {
    String serverUrl =
        env.getOrDefault("GITHUB_SERVER_URL", "https://github.com").replaceFirst("/+$", "");
    if (!serverUrl.matches("https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
      throw new UsageException(
          "Invalid GITHUB_SERVER_URL",
          "GITHUB_SERVER_URL must be the server's https URL, like https://github.com, not '"
              + serverUrl
              + "'");
    }
    return serverUrl;
  }

  private JsonNode readEvent() throws UsageException {
    String eventPath = env.get("GITHUB_EVENT_PATH");
    if (eventPath == null || eventPath.isEmpty()) {
      return JsonNodeFactory.instance.objectNode();
    }
    Path path = Path.of(eventPath);
    try {
      if (Files.size(path) > MAX_EVENT_BYTES) {
        throw new UsageException(
            "Event payload too large",
            "GITHUB_EVENT_PATH holds more than "
                + MAX_EVENT_BYTES
                + " bytes (16 MiB), too much to embed in slsa-v0.2 provenance; use predicate-type"
                + " slsa-v1, which does not embed the event");
      }
      JsonNode event = new ObjectMapper().readTree(path.toFile());
      if (event == null || event.isMissingNode()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!event.isObject()) {
        throw new UsageException(
            "Unreadable event payload",
            "GITHUB_EVENT_PATH holds a JSON " + event.getNodeType() + ", not an event object");
      }
      return event;
    } catch (IOException e) {
      throw new UsageException(
          "Unreadable event payload", "cannot read GITHUB_EVENT_PATH: " + e.getMessage());
    }
  }
}
