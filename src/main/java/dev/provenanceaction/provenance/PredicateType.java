package dev.provenanceaction.provenance;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The provenance formats the action writes, chosen by the {@code predicate-type} input. */
public enum PredicateType {
  /** SLSA v1 in GitHub's own shape, what {@code gh attestation verify} expects. */
  SLSA_V1("slsa-v1", "https://slsa.dev/provenance/v1", "https://in-toto.io/Statement/v1"),
  /** SLSA v0.2 in the shape of the slsa-github-generator's generic generator, for older tools. */
  SLSA_V02("slsa-v0.2", "https://slsa.dev/provenance/v0.2", "https://in-toto.io/Statement/v0.1");

  private final String inputName;
  private final String predicateTypeUri;
  private final String statementTypeUri;

  PredicateType(String inputName, String predicateTypeUri, String statementTypeUri) {
    this.inputName = inputName;
    this.predicateTypeUri = predicateTypeUri;
    this.statementTypeUri = statementTypeUri;
  }

  /** The value of the {@code predicate-type} input: {@code slsa-v1} or {@code slsa-v0.2}. */
  public String inputName() {
    return inputName;
  }

  /** The statement's {@code predicateType}. */
  public String predicateTypeUri() {
    return predicateTypeUri;
  }

  /** The statement's {@code _type}: the in-toto Statement version the predicate is used with. */
  public String statementTypeUri() {
    return statementTypeUri;
  }

  /**
   * The type named by an input value, ignoring case and surrounding whitespace.
   *
   * @throws IllegalArgumentException naming the allowed values if there is no such type
   */
  public static PredicateType parse(String value) {
    String wanted = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    for (PredicateType type : values()) {
      if (type.inputName.equals(wanted)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown predicate type '"
            + value
            + "'; use one of: "
            + Arrays.stream(values())
                .map(PredicateType::inputName)
                .collect(Collectors.joining(", ")));
  }
}
