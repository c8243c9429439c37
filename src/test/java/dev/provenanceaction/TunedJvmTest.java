package dev.provenanceaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunedJvmTest {
  private static final Path JAVA_HOME = Path.of("/opt/jdk-17");
  private static final String HOTSPOT = "OpenJDK 64-Bit Server VM";
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
  private static final List<String> C1 =
      List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1");

  @TempDir Path temp;
  private Path jar;
  private Path cache;

  /** A jar holding what the build put in target/classes for it: the image's flags. */
  @BeforeEach
  void aJar() throws IOException {
    jar = temp.resolve("provenance-action.jar");
    try (InputStream flags = TunedJvm.class.getResourceAsStream("jvm/image.flags");
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new ZipEntry(TunedJvm.FLAGS_ENTRY));
      flags.transferTo(zip);
    }
    cache = temp.resolve("cache/provenance-action");
  }

  private List<String> imageFlags() {
    return TunedJvm.imageFlags(jar).orElseThrow();
  }

  private Optional<ClassDataArchives> archives() {
    return Optional.of(
        new ClassDataArchives(cache, JAVA_HOME.toString(), "17.0.15+6", Path.of("/proc/self")));
  }

  private Optional<TunedJvm.Launch> plan(String... args) {
    return plan(Map.of(), args);
  }

  private Optional<TunedJvm.Launch> plan(Map<String, String> env, String... args) {
    List<String> startedWith = new ArrayList<>(List.of("-jar", jar.toString()));
    startedWith.addAll(Arrays.asList(args));
    return TunedJvm.plan(startedWith, List.of(args), env, JAVA_HOME, HOTSPOT, archives());
  }

  private static List<String> command(List<String> jvmOptions, Path jar, String... args) {
    List<String> command = new ArrayList<>(List.of("/opt/jdk-17/bin/java"));
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(Arrays.asList(args));
    return command;
  }

  private static List<String> concat(List<String>... parts) {
    List<String> all = new ArrayList<>();
    for (List<String> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  @Test
  void theImagesFlagsAreTheFileTheImageReads() throws IOException {
    List<String> file =
        Arrays.asList(Files.readString(Path.of("src/main/jvm/image.flags")).trim().split("\\s+"));

    assertEquals(file, imageFlags());
  }

  /** Replaces the jar with one holding these flags, and a zip comment if one is given. */
  private void writeJar(String flags, String comment) throws IOException {
    writeJar(flags, comment, new byte[0]);
  }

  /** ... and a class of these bytes. */
  private void writeJar(String flags, String comment, byte[] mainClass) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (String name : List.of(TunedJvm.FLAGS_ENTRY, "dev/provenanceaction/Main.class")) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0); // the same directory for the same content, whenever written
        zip.putNextEntry(entry);
        zip.write(
            name.equals(TunedJvm.FLAGS_ENTRY) ? flags.getBytes(StandardCharsets.UTF_8) : mainClass);
      }
      if (comment != null) {
        zip.setComment(comment);
      }
    }
  }

  @Test
  void flagsInTheArgfilesOtherSyntaxRunAsStarted() throws IOException {
    for (String flags :
        List.of(
            "-XX:+UseSerialGC\n# the collector\n",
            "\"-XX:CompileCommand=quiet\"",
            "'-XX:+UseSerialGC'",
            "-XX:CompileCommand=quiet,\\\n  x")) {
      writeJar(flags, null);

      assertEquals(Optional.empty(), TunedJvm.imageFlags(jar), flags);
      assertEquals(Optional.empty(), plan("generate"), flags);
    }
    writeJar("-XX:+UseSerialGC\n  -XX:-UsePerfData\n", null);

    assertEquals(List.of("-XX:+UseSerialGC", "-XX:-UsePerfData"), imageFlags());
  }

  @Test
  void aJarReplacedByAnotherOfTheSameSizeAndTimeGetsAnArchiveOfItsOwn() throws IOException {
    writeJar("-XX:+UseSerialGC", "a comment", new byte[] {1, 2, 3});
    FileTime time = Files.getLastModifiedTime(jar);
    ClassDataArchives.Dump first = plan("generate").orElseThrow().dump().orElseThrow();
    Files.write(first.partial(), new byte[] {1});
    first.keep();
    long size = Files.size(jar);

    // What the JVM checks, and the flags, are the same; the classes are not.
    writeJar("-XX:+UseSerialGC", "a comment", new byte[] {1, 2, 4});
    Files.setLastModifiedTime(jar, time);

    assertEquals(size, Files.size(jar));
    TunedJvm.Launch second = plan("generate").orElseThrow();
    assertFalse(
        second.command().contains("-XX:SharedArchiveFile=" + first.archive()),
        String.join(" ", second.command()));
    assertTrue(second.dump().isPresent());
    // The fingerprint is the directory's, found before a comment: another comment leaves it.
    long fingerprint = ClassDataArchives.contentFingerprint(jar);
    writeJar("-XX:+UseSerialGC", "another, longer comment", new byte[] {1, 2, 4});
    assertEquals(fingerprint, ClassDataArchives.contentFingerprint(jar));
    writeJar("-XX:+UseSerialGC", null, new byte[] {1, 2, 3});
    assertNotEquals(fingerprint, ClassDataArchives.contentFingerprint(jar));
  }

  @Test
  void aCacheBelowADirectoryOthersMayChangeIsNotUsed() throws IOException {
    Path shared = Files.createDirectories(temp.resolve("shared"));
    cache = shared.resolve("cache/provenance-action");
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertEquals(
        command(concat(imageFlags(), C1), jar, "generate"),
        plan("generate").orElseThrow().command(),
        "others could rename the cache away and put their own in its place");

    Files.setAttribute(shared, "unix:mode", 01777); // sticky, as /tmp is

    assertTrue(plan("generate").orElseThrow().dump().isPresent());
  }

  @Test
  void theJvmIsGivenTheCachesRealPath() throws IOException {
    Path real = Files.createDirectories(temp.resolve("real"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), real);
    cache = link.resolve("provenance-action");

    ClassDataArchives.Dump dump = plan("generate").orElseThrow().dump().orElseThrow();

    assertEquals(real.resolve("provenance-action"), dump.partial().getParent());
  }

  @Test
  void aJarWithoutTheFlagsRunsAsStarted() throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      zip.putNextEntry(new ZipEntry("dev/provenanceaction/Main.class"));
    }

    assertEquals(Optional.empty(), plan("generate"));

    Files.write(jar, new byte[] {'P', 'K'});

    assertEquals(Optional.empty(), plan("generate"), "not a jar");
  }

  @Test
  void aBareSigningRunGetsTheImagesFlagsC1AloneAndWritesItsArchive() {
    String[] args = {"generate", "--subject-checksums", "dist.sha256"};

    TunedJvm.Launch launch = plan(args).orElseThrow();

    ClassDataArchives.Dump dump = launch.dump().orElseThrow();
    assertEquals(cache, dump.partial().getParent());
    assertTrue(dump.partial().getFileName().toString().startsWith("generate-"), dump.toString());
    assertTrue(dump.archive().getFileName().toString().endsWith(".jsa"), dump.toString());
    List<String> options =
        concat(imageFlags(), C1, QUIET, List.of("-XX:ArchiveClassesAtExit=" + dump.partial()));
    assertEquals(command(options, jar, args), launch.command());
  }

  @Test
  void aRunThatHashesFilesKeepsC2ForTheSha2Intrinsics() {
    for (String[] args :
        List.of(
            new String[] {"generate", "--subject-path", "dist/*"},
            new String[] {"generate", "--subject-path=dist/*"},
            new String[] {"verify-artifact", "--provenance-path", "p.intoto.jsonl", "a.whl"},
            new String[] {"verify-bundle", "--bundle", "b.json", "a.whl"})) {
      List<String> command = plan(args).orElseThrow().command();

      assertFalse(command.contains("-XX:TieredStopAtLevel=1"), String.join(" ", args));
      assertTrue(command.containsAll(imageFlags()), String.join(" ", args));
    }
  }

  @Test
  void aKeptArchiveIsMappedByTheNextRunAndReplacesTheOldJarsArchive() throws IOException {
    TunedJvm.Launch first = plan("generate").orElseThrow();
    ClassDataArchives.Dump firstDump = first.dump().orElseThrow();
    Files.write(firstDump.partial(), new byte[] {1}); // what the JVM writes at its exit
    firstDump.keep();

    TunedJvm.Launch second = plan("generate").orElseThrow();

    assertEquals(Optional.empty(), second.dump());
    assertTrue(second.command().contains("-XX:SharedArchiveFile=" + firstDump.archive()));
    assertFalse(Files.exists(firstDump.partial()));

    // A new jar in the same place: a new archive, and the old one goes once the new one is kept.
    Files.setLastModifiedTime(
        jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
    ClassDataArchives.Dump newJar = plan("generate").orElseThrow().dump().orElseThrow();
    Files.write(newJar.partial(), new byte[] {2});
    TunedJvm.Launch verify = plan("verify-artifact", "a.whl").orElseThrow();
    Files.write(verify.dump().orElseThrow().partial(), new byte[] {3});
    verify.dump().orElseThrow().keep();
    newJar.keep();

    assertFalse(Files.exists(firstDump.archive()), "the old jar's archive is deleted");
    assertTrue(Files.exists(newJar.archive()));
    assertTrue(Files.exists(verify.dump().orElseThrow().archive()), "another command's archive");
    assertTrue(
        plan("generate")
            .orElseThrow()
            .command()
            .contains("-XX:SharedArchiveFile=" + newJar.archive()));
  }

  @Test
  void eachSigstoreInstanceSignsWithAnArchiveOfItsOwn() {
    Path publicGood =
        plan("generate", "--subject-checksums", "a").orElseThrow().dump().orElseThrow().archive();
    Path named =
        plan("generate", "--sigstore", "public-good").orElseThrow().dump().orElseThrow().archive();
    Path staging =
        plan("generate", "--sigstore=staging").orElseThrow().dump().orElseThrow().archive();
    Path other =
        plan("generate", "--sigstore", "/tmp/instance")
            .orElseThrow()
            .dump()
            .orElseThrow()
            .archive();
    Path again =
        plan("generate", "--sigstore=/tmp/instance", "--subject-checksums", "b")
            .orElseThrow()
            .dump()
            .orElseThrow()
            .archive();

    assertEquals(publicGood, named, "public-good is the default");
    assertEquals(3, Set.of(publicGood, staging, other).size());
    assertEquals(other, again);
  }

  @Test
  void aFailedRunsArchiveIsDiscardedAndAJvmThatWroteNoneLeavesNothing() throws IOException {
    ClassDataArchives.Dump failed = plan("generate").orElseThrow().dump().orElseThrow();
    Files.write(failed.partial(), new byte[] {1});
    failed.discard();
    ClassDataArchives.Dump unwritten = plan("generate").orElseThrow().dump().orElseThrow();
    unwritten.keep();

    try (var files = Files.list(cache)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void anArchiveOthersMayWriteIsNotMapped() throws IOException {
    ClassDataArchives.Dump dump = plan("generate").orElseThrow().dump().orElseThrow();
    Files.write(dump.partial(), new byte[] {1});
    dump.keep();
    Files.setPosixFilePermissions(dump.archive(), PosixFilePermissions.fromString("rw-rw-r--"));

    List<String> command = plan("generate").orElseThrow().command();

    assertEquals(command(concat(imageFlags(), C1), jar, "generate"), command);

    Files.setPosixFilePermissions(dump.archive(), PosixFilePermissions.fromString("r--r--r--"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertEquals(
        command(concat(imageFlags(), C1), jar, "generate"),
        plan("generate").orElseThrow().command(),
        "a cache directory that others may write");
  }

  @Test
  void aLinkedCacheDirectoryIsNotUsed() throws IOException {
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    Files.createDirectories(cache.getParent());
    Files.createSymbolicLink(cache, elsewhere);

    assertEquals(
        command(concat(imageFlags(), C1), jar, "generate"),
        plan("generate").orElseThrow().command());
  }

  @Test
  void theCacheDirectoryIsMadeForTheUserAlone() throws IOException {
    plan("generate").orElseThrow();

    assertEquals(
        PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(cache));
  }

  @Test
  void aJvmWhoseOptionsTheCallerChoseRunsAsStarted() {
    String[] generate = {"generate", "--subject-checksums", "dist.sha256"};
    for (String variable : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
      assertEquals(Optional.empty(), plan(Map.of(variable, "-Xmx1g"), generate), variable);
    }
    List<String> withOption = List.of("-Xshare:auto", "-jar", jar.toString(), "generate");
    assertEquals(
        Optional.empty(),
        TunedJvm.plan(withOption, List.of("generate"), Map.of(), JAVA_HOME, HOTSPOT, archives()));
    List<String> classPath =
        List.of("-cp", jar.toString(), "dev.provenanceaction.Main", "generate");
    assertEquals(
        Optional.empty(),
        TunedJvm.plan(classPath, List.of("generate"), Map.of(), JAVA_HOME, HOTSPOT, archives()));
  }

  @Test
  void helpVersionTheActionsOwnRunAndOtherArgumentsRunAsStarted() {
    for (List<String> args :
        List.of(List.<String>of(), List.of("--help"), List.of("--version"), List.of("sign"))) {
      List<String> startedWith = new ArrayList<>(List.of("-jar", jar.toString()));
      startedWith.addAll(args);
      assertEquals(
          Optional.empty(),
          TunedJvm.plan(startedWith, args, Map.of(), JAVA_HOME, HOTSPOT, archives()),
          args.toString());
    }
    // The kernel's arguments are not the ones main was given: not this launch.
    assertEquals(
        Optional.empty(),
        TunedJvm.plan(
            List.of("-jar", jar.toString(), "generate", "x"),
            List.of("generate", "y"),
            Map.of(),
            JAVA_HOME,
            HOTSPOT,
            archives()));
  }

  @Test
  void theActionsOwnRunAndAnotherVmRunAsStarted() {
    Map<String, String> runner = Map.of("GITHUB_ACTIONS", "true");
    List<String> alone = List.of("-jar", jar.toString(), "generate");
    assertEquals(
        Optional.empty(),
        TunedJvm.plan(alone, List.of("generate"), runner, JAVA_HOME, HOTSPOT, archives()),
        "generate alone on a runner reads its inputs, subject-path among them, from variables");
    assertTrue(plan(runner, "generate", "--subject-checksums", "a").isPresent());
    assertEquals(
        Optional.empty(),
        TunedJvm.plan(
            alone, List.of("generate"), Map.of(), JAVA_HOME, "Eclipse OpenJ9 VM", archives()));
    assertTrue(
        TunedJvm.plan(
                alone,
                List.of("generate"),
                Map.of(),
                JAVA_HOME,
                "Java HotSpot(TM) 64-Bit Server VM",
                archives())
            .isPresent());
  }

  @Test
  void aCachePathWithAColonIsNotUsed() {
    assertEquals(Optional.empty(), ClassDataArchives.forUser(Map.of("XDG_CACHE_HOME", "/tmp/a:b")));
    assertTrue(ClassDataArchives.forUser(Map.of("XDG_CACHE_HOME", temp.toString())).isPresent());
  }

  @Test
  void anArchiveOfAnotherUserIsNotMapped() throws IOException {
    ClassDataArchives.Dump dump = plan("generate").orElseThrow().dump().orElseThrow();
    Files.write(dump.partial(), new byte[] {1});
    dump.keep();
    Object uid = Files.getAttribute(dump.archive(), "unix:uid");
    // Only root can give a file away; elsewhere the owner's check is the same code as the mode's.
    Assumptions.assumeTrue(Integer.valueOf(0).equals(uid), "needs root to change an owner");
    Files.setAttribute(dump.archive(), "unix:uid", 4242);

    assertEquals(
        command(concat(imageFlags(), C1), jar, "generate"),
        plan("generate").orElseThrow().command());
  }

  @Test
  void keepingAnArchiveDeletesStoppedRunsPartialsAndTheLeastRecentBeyondEight() throws IOException {
    Files.createDirectories(cache);
    List<Path> others = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Path other = Files.write(cache.resolve("verify-artifact-" + i + "-1.jsa"), new byte[] {1});
      Files.setLastModifiedTime(other, FileTime.fromMillis(1_000_000L * (i + 1)));
      others.add(other);
    }
    Path stopped = Files.write(cache.resolve("generate-x-y.jsa.1-2.partial"), new byte[] {1});
    Files.setLastModifiedTime(stopped, FileTime.fromMillis(0));
    ClassDataArchives.Dump running = plan("verify-bundle").orElseThrow().dump().orElseThrow();
    Files.write(running.partial(), new byte[] {1}); // another run's, being written now
    ClassDataArchives.Dump dump = plan("generate").orElseThrow().dump().orElseThrow();
    Files.write(dump.partial(), new byte[] {2});

    dump.keep();

    Set<Path> expected = new HashSet<>(others.subList(3, 10));
    expected.add(dump.archive());
    expected.add(running.partial());
    try (var files = Files.list(cache)) {
      assertEquals(expected, Set.copyOf(files.toList()));
    }
  }

  @Test
  void withoutACacheTheRunIsStillTuned() {
    List<String> startedWith = List.of("-jar", jar.toString(), "generate");

    TunedJvm.Launch launch =
        TunedJvm.plan(
                startedWith, List.of("generate"), Map.of(), JAVA_HOME, HOTSPOT, Optional.empty())
            .orElseThrow();

    assertEquals(command(concat(imageFlags(), C1), jar, "generate"), launch.command());
    assertEquals(Optional.empty(), launch.dump());
  }
}
