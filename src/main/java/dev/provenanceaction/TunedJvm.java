package dev.provenanceaction;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Runs a bare {@code java -jar provenance-action.jar COMMAND ...} again in a JVM started the way
 * the image starts its own: the flags of {@code image.flags}, C1 alone where no file is hashed (the
 * rule of {@code action.yml}), and a class-data archive of the command's classes that the first run
 * writes to the user's cache ({@link ClassDataArchives}). JDK 17 gives a jar no way to carry JVM
 * options (JDK 19's {@code -XX:+AutoCreateSharedArchive} keeps such an archive by itself), and
 * together they take a one-subject signing run from 0.73 s to 0.40-0.48 s, the first JVM's 60-90 ms
 * included (BENCHMARKS.md, session 11).
 *
 * <p>A caller who chose the JVM's options, on the command line or in {@code JDK_JAVA_OPTIONS},
 * {@code JAVA_TOOL_OPTIONS} or {@code _JAVA_OPTIONS}, gets the JVM they started: so does the image,
 * whose entry point names its flags. So does the action's own run ({@code generate} alone on a
 * runner, whose inputs are variables), a JVM other than HotSpot (the flags are HotSpot's), and a
 * system without {@code /proc} (Linux's: where this JVM's own arguments are read).
 *
 * <p>Written without lambdas or streams: in this first JVM each would add its bootstrap, a few
 * milliseconds, to the run's time.
 */
final class TunedJvm {
  private static final Set<String> COMMANDS =
      Set.of("generate", "verify-artifact", "verify-bundle");
  private static final List<String> CALLERS_OPTIONS =
      List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");

  /** C1 alone, on one thread: its compilers took a third of a signing run's CPU. */
  private static final List<String> C1_ALONE =
      List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

  /** A stale or foreign archive is skipped as the JVM skips a missing one: without a word. */
  private static final List<String> QUIET_ARCHIVE =
      List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  static final String FLAGS_ENTRY = "dev/provenanceaction/jvm/image.flags";

  /** What an argfile means otherwise than as words between white space. */
  private static final char[] ARGFILE_SYNTAX = {'#', '"', '\'', '\\'};

  private TunedJvm() {}

  /** The tuned JVM's command line, and the archive it writes at its exit, if it writes one. */
  record Launch(List<String> command, Optional<ClassDataArchives.Dump> dump) {}

  /**
   * Runs {@code args} in a tuned JVM when this one was started bare, and returns its exit code;
   * empty when this JVM is to run them itself.
   */
  static OptionalInt runIfBare(List<String> args, Map<String, String> env) {
    Optional<List<String>> startedWith = startedWith();
    if (startedWith.isEmpty()) {
      return OptionalInt.empty();
    }
    Optional<Launch> launch =
        plan(
            startedWith.get(),
            args,
            env,
            Path.of(System.getProperty("java.home")),
            System.getProperty("java.vm.name"),
            ClassDataArchives.forUser(env));
    if (launch.isEmpty()) {
      return OptionalInt.empty();
    }
    Process child;
    try {
      child = new ProcessBuilder(launch.get().command()).inheritIO().start();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
    // A SIGTERM to this JVM alone must not leave the command running without it, nor its archive
    // half written.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread("stop-tuned-jvm") {
              @Override
              public void run() {
                child.destroy();
                try {
                  child.waitFor(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                launch.get().dump().ifPresent(ClassDataArchives.Dump::discard);
              }
            });
    int exitCode;
    try {
      exitCode = child.waitFor();
    } catch (InterruptedException e) {
      // Nothing interrupts this thread; should something, the command stops with it.
      child.destroy();
      Thread.currentThread().interrupt();
      return OptionalInt.of(130);
    }
    if (exitCode == 0) {
      launch.get().dump().ifPresent(ClassDataArchives.Dump::keep);
    } else {
      launch.get().dump().ifPresent(ClassDataArchives.Dump::discard);
    }
    return OptionalInt.of(exitCode);
  }

  /**
   * The tuned JVM's command, when {@code startedWith} (this JVM's arguments, as the OS has them) is
   * {@code -jar JAR} and then {@code args}, nothing else, and the first of {@code args} is a
   * command that does work.
   */
  static Optional<Launch> plan(
      List<String> startedWith,
      List<String> args,
      Map<String, String> env,
      Path javaHome,
      String vmName,
      Optional<ClassDataArchives> archives) {
    if (args.isEmpty()
        || !COMMANDS.contains(args.get(0))
        || startedWith.size() != args.size() + 2
        || !startedWith.get(0).equals("-jar")
        || !startedWith.subList(2, startedWith.size()).equals(args)
        || !Collections.disjoint(env.keySet(), CALLERS_OPTIONS)
        || args.size() == 1 && "true".equals(env.get("GITHUB_ACTIONS"))
        || !vmName.contains("HotSpot") && !vmName.startsWith("OpenJDK")) {
      return Optional.empty();
    }
    String jar = startedWith.get(1);
    Optional<List<String>> imageFlags = imageFlags(Path.of(jar));
    if (imageFlags.isEmpty()) {
      return Optional.empty();
    }
    List<String> flags = new ArrayList<>(imageFlags.get());
    boolean hashesFiles = args.get(0).startsWith("verify-");
    for (String arg : args) {
      hashesFiles |= arg.equals("--subject-path") || arg.startsWith("--subject-path=");
    }
    if (!hashesFiles) {
      flags.addAll(C1_ALONE); // subject-path and verify hash files: C2 has the SHA-2 intrinsics
    }
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin").resolve("java").toString());
    command.addAll(flags);
    Optional<ClassDataArchives.Dump> dump = Optional.empty();
    Optional<ClassDataArchives.Archive> archive =
        archives.isPresent()
            ? archives.get().forRun(Path.of(jar), args.get(0), sigstoreOf(args), flags)
            : Optional.empty();
    if (archive.isPresent()) {
      command.addAll(QUIET_ARCHIVE);
      if (archive.get().exists()) {
        command.add("-XX:SharedArchiveFile=" + archive.get().path());
      } else {
        dump = Optional.of(archive.get().dump());
        command.add("-XX:ArchiveClassesAtExit=" + dump.get().partial());
      }
    }
    command.add("-jar");
    command.add(jar);
    command.addAll(args);
    return Optional.of(new Launch(List.copyOf(command), dump));
  }

  /** The {@code --sigstore} that {@code args} name, as given, or its default. */
  private static String sigstoreOf(List<String> args) {
    String sigstore = "public-good";
    for (int i = 1; i < args.size(); i++) {
      if (args.get(i).startsWith("--sigstore=")) {
        sigstore = args.get(i).substring("--sigstore=".length());
      } else if (args.get(i).equals("--sigstore") && i + 1 < args.size()) {
        sigstore = args.get(++i);
      }
    }
    return sigstore;
  }

  /**
   * This JVM's arguments as the kernel has them, {@code /proc/self/cmdline} without the program's
   * name; empty on a system without it. Read here rather than through {@code ProcessHandle.Info},
   * which also looks up the user's name: the whole of this JVM's work is on the run's time.
   */
  private static Optional<List<String>> startedWith() {
    byte[] cmdline;
    try {
      try (InputStream in = new FileInputStream("/proc/self/cmdline")) {
        cmdline = in.readAllBytes();
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        words.add(new String(cmdline, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    return words.isEmpty() ? Optional.empty() : Optional.of(words.subList(1, words.size()));
  }

  /**
   * The image's flags ({@code src/main/jvm/image.flags}, a java @argfile), from the jar; empty if
   * it has none, or if it uses the quotes, escapes or comments of the argfile's syntax, which this
   * split at white space would misread (the JVM would then refuse its options, or take a comment's
   * words for them). Read with {@code ZipFile}, which shares the class loader's open jar: a class
   * loader's resource URL took 5-7 ms more of the run.
   */
  static Optional<List<String>> imageFlags(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(FLAGS_ENTRY);
      if (entry == null) {
        return Optional.empty();
      }
      String text;
      try (InputStream in = zip.getInputStream(entry)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (char special : ARGFILE_SYNTAX) {
        if (text.indexOf(special) >= 0) {
          return Optional.empty();
        }
      }
      List<String> flags = new ArrayList<>();
      StringTokenizer words = new StringTokenizer(text);
      while (words.hasMoreTokens()) {
        flags.add(words.nextToken());
      }
      return Optional.of(flags);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
