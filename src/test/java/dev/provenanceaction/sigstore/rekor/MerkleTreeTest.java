package dev.provenanceaction.sigstore.rekor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sigstore.merkle.InclusionProofVerificationException;
import dev.sigstore.merkle.InclusionProofVerifier;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static final HexFormat HEX = HexFormat.of();

  // The leaves and roots of RFC 6962's reference tests (certificate-transparency-go merkle tests).
  private static final List<String> RFC_LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");
  private static final List<String> RFC_ROOTS =
      List.of(
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void rootsMatchRfc6962ReferenceVectors() {
    MerkleTree tree = new MerkleTree();
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        HEX.formatHex(tree.root(0)));
    for (String leaf : RFC_LEAVES) {
      tree.append(HEX.parseHex(leaf));
    }
    for (int size = 1; size <= RFC_LEAVES.size(); size++) {
      assertEquals(RFC_ROOTS.get(size - 1), HEX.formatHex(tree.root(size)), "size " + size);
    }
  }

  @Test
  void everyInclusionProofVerifiesWithSigstoreJava() throws InclusionProofVerificationException {
    MerkleTree tree = new MerkleTree();
    for (int size = 1; size <= 40; size++) {
      assertEquals(size - 1, tree.append(("leaf " + size).getBytes(StandardCharsets.UTF_8)));
      for (int index = 0; index < size; index++) {
        byte[] leafHash =
            MerkleTree.leafHash(("leaf " + (index + 1)).getBytes(StandardCharsets.UTF_8));
        InclusionProofVerifier.verify(
            leafHash, index, size, tree.inclusionProof(index, size), tree.root(size));
      }
    }
    // Proofs for earlier tree sizes stay valid after the tree has grown.
    for (int size = 1; size <= 40; size++) {
      for (int index = 0; index < size; index++) {
        byte[] leafHash =
            MerkleTree.leafHash(("leaf " + (index + 1)).getBytes(StandardCharsets.UTF_8));
        InclusionProofVerifier.verify(
            leafHash, index, size, tree.inclusionProof(index, size), tree.root(size));
      }
    }
  }

  @Test
  void proofForOtherLeafFails() {
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < 7; i++) {
      tree.append(new byte[] {(byte) i});
    }
    assertThrows(
        InclusionProofVerificationException.class,
        () ->
            InclusionProofVerifier.verify(
                MerkleTree.leafHash(new byte[] {3}),
                2,
                7,
                tree.inclusionProof(2, 7),
                tree.root(7)));
  }

  @Test
  void singleLeafTreeHasEmptyProofAndLeafHashRoot() {
    MerkleTree tree = new MerkleTree();
    tree.append(new byte[] {42});
    assertEquals(List.of(), tree.inclusionProof(0, 1));
    assertArrayEquals(MerkleTree.leafHash(new byte[] {42}), tree.root(1));
  }

  @Test
  void rejectsSizesBeyondTheTree() {
    MerkleTree tree = new MerkleTree();
    tree.append(new byte[0]);
    assertThrows(IllegalArgumentException.class, () -> tree.root(2));
    assertThrows(IllegalArgumentException.class, () -> tree.inclusionProof(1, 1));
  }
}
