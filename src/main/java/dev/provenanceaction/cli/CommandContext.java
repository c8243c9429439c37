package dev.provenanceaction.cli;

import dev.provenanceaction.sigstore.tuf.TufMirror;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a verify command runs with, besides its arguments.
 *
 * @param env the process environment
 * @param mirror the TUF repository whose trusted root is used when no {@code --trusted-root} is
 *     given: public-good's
 * @param out standard output
 * @param err standard error
 */
public record CommandContext(
    Map<String, String> env, TufMirror mirror, PrintStream out, PrintStream err) {}
