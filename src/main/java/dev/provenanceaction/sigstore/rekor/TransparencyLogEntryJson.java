package dev.provenanceaction.sigstore.rekor;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.provenanceaction.sigstore.ProtoJson;
import dev.provenanceaction.sigstore.ProtoJsonException;
import java.io.IOException;
import java.util.Base64;

/**
 * Reads and writes a {@code dev.sigstore.rekor.v1.TransparencyLogEntry} in protobuf JSON: a
 * bundle's {@code tlogEntries[]} element, and Rekor v2's answer to a new entry, which is the same
 * message.
 */
public final class TransparencyLogEntryJson {
  private static final Base64.Encoder BASE64 = Base64.getEncoder();

  private TransparencyLogEntryJson() {}

  /**
   * @throws ProtoJsonException naming the missing or invalid field
   */
  public static LogEntry read(ProtoJson entry) throws ProtoJsonException {
    ProtoJson kindVersion = entry.object("kindVersion");
    byte[] signedEntryTimestamp =
        entry.has("inclusionPromise")
            ? entry.object("inclusionPromise").bytes("signedEntryTimestamp")
            : null;
    return new LogEntry(
        entry.int64("logIndex"),
        entry.object("logId").bytes("keyId"),
        kindVersion.string("kind"),
        kindVersion.string("version"),
        // Rekor v2 entries have no integrated time; a timestamp authority's time stands in.
        entry.has("integratedTime") ? entry.int64("integratedTime") : 0,
        signedEntryTimestamp,
        entry.has("inclusionProof") ? readInclusionProof(entry.object("inclusionProof")) : null,
        entry.bytes("canonicalizedBody"));
  }

  private static InclusionProof readInclusionProof(ProtoJson proof) throws ProtoJsonException {
    String checkpoint =
        proof.has("checkpoint") ? proof.object("checkpoint").string("envelope") : null;
    return new InclusionProof(
        proof.int64("logIndex"),
        proof.bytes("rootHash"),
        proof.int64("treeSize"),
        proof.bytesList("hashes"),
        checkpoint);
  }

  /**
   * Writes the entry as {@link #read} reads it, in the field order of sigstore-go, int64 as strings
   * as protobuf JSON does.
   */
  public static void write(JsonGenerator json, LogEntry entry) throws IOException {
    json.writeStartObject();
    json.writeStringField("logIndex", Long.toString(entry.logIndex()));
    json.writeObjectFieldStart("logId");
    json.writeStringField("keyId", BASE64.encodeToString(entry.logId()));
    json.writeEndObject();
    json.writeObjectFieldStart("kindVersion");
    json.writeStringField("kind", entry.kind());
    json.writeStringField("version", entry.version());
    json.writeEndObject();
    // Protobuf JSON leaves out a zero: a Rekor v2 entry has no integrated time.
    if (entry.integratedTime() != 0) {
      json.writeStringField("integratedTime", Long.toString(entry.integratedTime()));
    }
    if (entry.signedEntryTimestamp() != null) {
      json.writeObjectFieldStart("inclusionPromise");
      json.writeStringField(
          "signedEntryTimestamp", BASE64.encodeToString(entry.signedEntryTimestamp()));
      json.writeEndObject();
    }
    InclusionProof proof = entry.inclusionProof();
    if (proof != null) {
      json.writeObjectFieldStart("inclusionProof");
      json.writeStringField("logIndex", Long.toString(proof.logIndex()));
      json.writeStringField("rootHash", BASE64.encodeToString(proof.rootHash()));
      json.writeStringField("treeSize", Long.toString(proof.treeSize()));
      json.writeArrayFieldStart("hashes");
      for (byte[] hash : proof.hashes()) {
        json.writeString(BASE64.encodeToString(hash));
      }
      json.writeEndArray();
      if (proof.checkpoint() != null) {
        json.writeObjectFieldStart("checkpoint");
        json.writeStringField("envelope", proof.checkpoint());
        json.writeEndObject();
      }
      json.writeEndObject();
    }
    json.writeStringField("canonicalizedBody", BASE64.encodeToString(entry.canonicalizedBody()));
    json.writeEndObject();
  }
}
