package dev.provenanceaction.action;

import dev.provenanceaction.subject.Subject;
import java.nio.file.Path;
import java.util.List;

/**
 * What a {@code generate} run made.
 *
 * @param provenancePath the written {@code .intoto.jsonl}
 * @param fileName its file name
 * @param subjects the subjects it covers
 * @param instanceName the Sigstore instance that signed it
 * @param ephemeral whether that instance was the throw-away in-process one
 * @param logIndex the transparency log index of its entry
 * @param integratedTime when it was signed, seconds since the epoch: the log's integrated time
 *     (Rekor v1) or the timestamp authority's (Rekor v2 entries have none)
 * @param trustedRootPath for ephemeral runs, the trusted root that verifies the file; else null
 * @param repositoryVisibility the token's {@code repository_visibility} claim
 * @param pypiAttestationsDir where the PEP 740 attestations went, or null when none was asked for
 * @param pypiAttestationCount how many were written there
 * @param serverUrl the GitHub server the statement names, checked, without a trailing slash
 */
record GenerateResult(
    Path provenancePath,
    String fileName,
    List<Subject> subjects,
    String instanceName,
    boolean ephemeral,
    long logIndex,
    long integratedTime,
    Path trustedRootPath,
    String repositoryVisibility,
    Path pypiAttestationsDir,
    int pypiAttestationCount,
    String serverUrl) {}
