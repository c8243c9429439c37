package dev.provenanceaction.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provenanceaction.retry.TransientFailures;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Posts bundles to the repository's attestations ({@code POST /repos/{o}/{r}/attestations}), where
 * {@code gh attestation verify} finds them. The release asset is the product: a refusal here is a
 * warning that says how to fix it, never a failure.
 */
final class AttestationStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final GithubTransport transport;
  private final PublishLog log;

  AttestationStore(GithubTransport transport, PublishLog log) {
    this.transport = transport;
    this.log = log;
  }

  /**
   * @return the ids of the stored attestations; fewer than the bundles if the store refused
   */
  List<String> store(URI apiUrl, String repository, List<ProvenanceLine> bundles) {
    URI endpoint = ApiUrls.resolve(apiUrl, "repos/" + repository + "/attestations");
    List<String> ids = new ArrayList<>();
    for (ProvenanceLine bundle : bundles) {
      GithubResponse response;
      try {
        ObjectNode body = JSON.createObjectNode();
        body.set("bundle", JSON.readTree(bundle.text()));
        byte[] request = JSON.writeValueAsBytes(body);
        response =
            RetriedStep.run(
                transport.policy(),
                "store the attestation",
                attempt -> {
                  GithubResponse answer = transport.send("POST", endpoint, request);
                  if (TransientFailures.isTransientStatus(answer.status())) {
                    throw answer.toException("POST attestations");
                  }
                  return answer;
                });
      } catch (IOException e) {
        log.warning(
            "Attestation not stored",
            "the attestations store failed ("
                + Failures.describe(e)
                + "); the provenance is on the release all the same");
        return ids;
      }
      if (response.status() == 403 || response.status() == 404) {
        log.warning(
            "Attestation not stored",
            "GitHub refused the attestation (HTTP "
                + response.status()
                + ": "
                + response.message()
                + "). Give the job 'permissions: attestations: write', or set"
                + " attestations-store: false where there is no store: GitHub Enterprise Server,"
                + " and private repositories outside GitHub Enterprise Cloud. The provenance is on"
                + " the release all the same.");
        return ids;
      }
      if (!response.isSuccess()) {
        log.warning(
            "Attestation not stored",
            "GitHub answered HTTP "
                + response.status()
                + ": "
                + response.message()
                + "; the provenance is on the release all the same");
        return ids;
      }
      try {
        ids.add(response.json().path("id").asText());
      } catch (IOException e) {
        log.warning("Attestation stored", "GitHub's answer named no attestation id");
      }
    }
    return ids;
  }
}
