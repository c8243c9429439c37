package dev.provenanceaction.sigstore.bundle;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.ProtoJson;
import dev.provenanceaction.sigstore.ProtoJsonException;
import java.util.ArrayList;
import java.util.List;

/**
 * PyPI's provenance object for one file (PEP 740), as its integrity API serves it at {@code
 * /integrity/<project>/<version>/<file>/provenance} and as warehouse and {@code pypi-attestations}
 * model it ({@code Provenance}, {@code AttestationBundle}):
 *
 * <pre>{"version": 1,
 *  "attestation_bundles": [{"publisher": {"kind": "GitHub", ...}, "attestations": [...]}]}</pre>
 *
 * The publisher is PyPI's unsigned account of the Trusted Publisher that uploaded the file; what
 * the attestations prove comes from their certificates.
 *
 * @param attestationBundles each publisher's attestations, in document order
 */
public record Pep740Provenance(List<AttestationBundle> attestationBundles) {
  static final String DOCUMENT = "PEP 740 provenance";

  public Pep740Provenance {
    attestationBundles = List.copyOf(attestationBundles);
  }

  /**
   * The attestations one Trusted Publisher made for the file.
   *
   * @param publisherKind the publisher's {@code kind}, such as {@code GitHub} or {@code GitLab}
   * @param attestations the attestation objects, each as the bundle it stands for
   */
  public record AttestationBundle(String publisherKind, List<SigstoreBundle> attestations) {
    public AttestationBundle {
      attestations = List.copyOf(attestations);
    }
  }

  /**
   * Reads a provenance object; the fields of an attestation are named by their path, such as {@code
   * attestation_bundles[0].attestations[1].envelope.signature}.
   *
   * @param json a document read already, as one of a file of several
   * @throws BundleFormatException naming the missing or invalid field
   */
  public static Pep740Provenance parse(JsonValue json) throws BundleFormatException {
    try {
      return read(ProtoJson.of(json, DOCUMENT));
    } catch (ProtoJsonException e) {
      throw new BundleFormatException(e.getMessage(), e);
    }
  }

  private static Pep740Provenance read(ProtoJson provenance) throws ProtoJsonException {
    // The model's version defaults to 1; another value is a format this reader does not know.
    long version = provenance.has("version") ? provenance.int64("version") : 1;
    if (version != Pep740Attestation.VERSION) {
      throw provenance.fieldError(
          "version", "is " + version + ", expected 1 (the only PEP 740 version)");
    }
    List<AttestationBundle> bundles = new ArrayList<>();
    for (ProtoJson bundle : provenance.objects("attestation_bundles")) {
      List<SigstoreBundle> attestations = new ArrayList<>();
      for (ProtoJson attestation : bundle.objects("attestations")) {
        attestations.add(Pep740Attestation.read(attestation));
      }
      bundles.add(new AttestationBundle(bundle.object("publisher").string("kind"), attestations));
    }
    if (bundles.stream().allMatch(bundle -> bundle.attestations().isEmpty())) {
      throw provenance.fieldError("attestation_bundles", "holds no attestation");
    }
    return new Pep740Provenance(bundles);
  }
}
