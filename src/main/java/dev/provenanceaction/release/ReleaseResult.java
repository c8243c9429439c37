package dev.provenanceaction.release;

import java.net.URI;
import java.util.List;

/**
 * Where the provenance landed, for the step's outputs.
 *
 * @param releaseId {@code release-id}
 * @param releaseUrl {@code release-url}, the release's page
 * @param releaseCreated whether this run created the release (as a draft)
 * @param draft whether the release is a draft
 * @param provenanceName {@code provenance-name}: the asset the bundles went into, as asked for: the
 *     provenance file's name, or the name of the release's provenance asset found for it
 * @param assetName {@code asset-name}, the name GitHub gave the asset, which may differ from the
 *     one asked for
 * @param assetUrl {@code asset-url}, its {@code browser_download_url}
 * @param assetLineCount how many bundles the asset holds now
 * @param attestationIds {@code attestation-id}: the ids of the attestations stored, empty if the
 *     store was not asked for or refused
 */
public record ReleaseResult(
    long releaseId,
    URI releaseUrl,
    boolean releaseCreated,
    boolean draft,
    String provenanceName,
    String assetName,
    URI assetUrl,
    int assetLineCount,
    List<String> attestationIds) {
  public ReleaseResult {
    attestationIds = List.copyOf(attestationIds);
  }
}
