package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFilesTest {
  @TempDir Path workspace;

  @Test
  void replacesWholeAndLeavesNoTemporaryFile() throws Exception {
    Path target = workspace.resolve("multiple.intoto.jsonl");
    Files.writeString(target, "old\n");

    WorkspaceFiles.writeAllAtomically(Map.of(target, "new\n".getBytes(StandardCharsets.UTF_8)));

    assertArrayEquals("new\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(workspace)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void writesAllOrNoneAndRemovesTheDirectoriesItMade() throws Exception {
    Files.writeString(workspace.resolve("blocked"), "a file, not a directory");
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(workspace.resolve("new/a/one.slsa.attestation"), new byte[] {1});
    files.put(workspace.resolve("blocked/two.slsa.attestation"), new byte[] {2});

    assertThrows(IOException.class, () -> WorkspaceFiles.writeAllAtomically(files));

    try (Stream<Path> left = Files.walk(workspace)) {
      assertEquals(List.of(workspace, workspace.resolve("blocked")), left.sorted().toList());
    }
  }

  @Test
  void writesAllWith0644() throws Exception {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    files.put(workspace.resolve("dir/one.slsa.attestation"), new byte[] {1});
    files.put(workspace.resolve("two.intoto.jsonl"), new byte[] {2});

    WorkspaceFiles.writeAllAtomically(files);

    for (Map.Entry<Path, byte[]> file : files.entrySet()) {
      assertArrayEquals(file.getValue(), Files.readAllBytes(file.getKey()));
      assertEquals(
          "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getKey())));
    }
    try (Stream<Path> all = Files.walk(workspace)) {
      assertEquals(4, all.count(), "no temporary file is left");
    }
  }

  @Test
  void givesTheFileTheWorkspacesOwner() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
    UserPrincipal nobody =
        workspace.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(workspace, nobody);
    Path target = workspace.resolve("a.intoto.jsonl");

    WorkspaceFiles.writeAllAtomically(Map.of(target, new byte[] {'x'}));

    assertEquals(nobody, Files.getOwner(target));
  }

  @Test
  void givesTheFileMode0644AlsoWhenItReplacesAPrivateOne() throws Exception {
    Path fresh = workspace.resolve("a.intoto.jsonl");
    Path replaced = workspace.resolve("trusted_root.json");
    Files.writeString(replaced, "{}");
    Files.setPosixFilePermissions(replaced, PosixFilePermissions.fromString("rw-------"));

    WorkspaceFiles.writeAllAtomically(Map.of(fresh, new byte[] {'x'}));
    WorkspaceFiles.writeAllAtomically(Map.of(replaced, new byte[] {'y'}));

    assertEquals("rw-r--r--", mode(fresh));
    assertEquals("rw-r--r--", mode(replaced));
  }

  @Test
  void makesTheMissingDirectoriesOwnedLikeTheOneAboveWithMode0755() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    UserPrincipal owner =
        root
            ? workspace
                .getFileSystem()
                .getUserPrincipalLookupService()
                .lookupPrincipalByName("nobody")
            : Files.getOwner(workspace);
    Files.setOwner(workspace, owner);
    Path target = workspace.resolve("dist/provenance/a.intoto.jsonl");

    WorkspaceFiles.writeAllAtomically(Map.of(target, new byte[] {'x'}));

    assertArrayEquals(new byte[] {'x'}, Files.readAllBytes(target));
    for (Path directory :
        List.of(workspace.resolve("dist"), workspace.resolve("dist/provenance"))) {
      assertEquals("rwxr-xr-x", mode(directory), directory.toString());
      assertEquals(owner, Files.getOwner(directory), directory.toString());
    }
    assertEquals(owner, Files.getOwner(target));
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
