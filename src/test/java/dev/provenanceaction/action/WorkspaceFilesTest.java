package dev.provenanceaction.action;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceFilesTest {
  @TempDir Path workspace;

  @Test
  void replacesWholeAndLeavesNoTemporaryFile() throws Exception {
    Path target = workspace.resolve("multiple.intoto.jsonl");
    Files.writeString(target, "old\n");

    WorkspaceFiles.writeAtomically(target, "new\n".getBytes(StandardCharsets.UTF_8));

    assertArrayEquals("new\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(workspace)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void givesTheFileTheWorkspacesOwner() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
    UserPrincipal nobody =
        workspace.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(workspace, nobody);
    Path target = workspace.resolve("a.intoto.jsonl");

    WorkspaceFiles.writeAtomically(target, new byte[] {'x'});

    assertEquals(nobody, Files.getOwner(target));
  }
}
