package dev.provenanceaction.release;

/**
 * GitHub renames an uploaded asset whose name has characters it does not keep. Its documentation
 * says so without giving the rule; the rule here (each character other than ASCII letters, digits
 * and {@code . _ - + @} becomes a period) is what uploads are seen to do, so an asset is found
 * under either name.
 */
final class AssetNames {
  private AssetNames() {}

  static boolean matches(String actual, String wanted) {
    return actual.equals(wanted) || actual.equals(asGithubStores(wanted));
  }

  static String asGithubStores(String name) {
    StringBuilder stored = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      boolean kept =
          c < 128
              && (Character.isLetterOrDigit(c)
                  || c == '.'
                  || c == '_'
                  || c == '-'
                  || c == '+'
                  || c == '@');
      stored.append(kept ? c : '.');
    }
    return stored.toString();
  }
}
