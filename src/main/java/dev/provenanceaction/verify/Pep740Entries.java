package dev.provenanceaction.verify;

import dev.provenanceaction.json.JsonValue;
import dev.provenanceaction.sigstore.bundle.BundleFormatException;
import dev.provenanceaction.sigstore.bundle.Pep740Attestation;
import dev.provenanceaction.sigstore.bundle.Pep740Provenance;
import dev.provenanceaction.sigstore.bundle.SigstoreBundle;
import java.util.ArrayList;
import java.util.List;

/** The entries of a provenance file's PEP 740 documents, each attestation read as its bundle. */
final class Pep740Entries {
  private Pep740Entries() {}

  /**
   * An attestation object ({@code <dist>.*.attestation}) starting on {@code line}.
   *
   * @throws PolicyException with {@link PolicyCheck#PROVENANCE_FORMAT} naming the bad field
   */
  static ProvenanceFile.Entry ofAttestation(int line, JsonValue json) throws PolicyException {
    try {
      return new ProvenanceFile.Entry.Bundle(line, Pep740Attestation.parse(json));
    } catch (BundleFormatException e) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT, "a PEP 740 attestation on line " + line, e.getMessage());
    }
  }

  /**
   * One entry for each attestation of each publisher of a provenance object starting on {@code
   * line}, named by its path in the document.
   *
   * @throws PolicyException with {@link PolicyCheck#PROVENANCE_FORMAT} naming the bad field
   */
  static List<ProvenanceFile.Entry> ofProvenance(int line, JsonValue json) throws PolicyException {
    Pep740Provenance provenance;
    try {
      provenance = Pep740Provenance.parse(json);
    } catch (BundleFormatException e) {
      throw new PolicyException(
          PolicyCheck.PROVENANCE_FORMAT,
          "a PEP 740 provenance object on line " + line,
          e.getMessage());
    }
    List<ProvenanceFile.Entry> entries = new ArrayList<>();
    List<Pep740Provenance.AttestationBundle> bundles = provenance.attestationBundles();
    for (int i = 0; i < bundles.size(); i++) {
      List<SigstoreBundle> attestations = bundles.get(i).attestations();
      for (int j = 0; j < attestations.size(); j++) {
        String path = "attestation_bundles[" + i + "].attestations[" + j + "]";
        entries.add(new ProvenanceFile.Entry.Bundle(line, path, attestations.get(j)));
      }
    }
    return entries;
  }
}
