package dev.provenanceaction.release;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHRepository;

/**
 * Finds the release of a tag among published releases and drafts, or creates a draft. Getting a
 * release by tag answers 404 for drafts, so drafts are found by listing every page.
 */
final class ReleaseLocator {
  private final GHRepository repository;
  private final GithubRetryPolicy policy;
  private final PublishLog log;

  ReleaseLocator(GHRepository repository, GithubRetryPolicy policy, PublishLog log) {
    this.repository = repository;
    this.policy = policy;
    this.log = log;
  }

  /**
   * The published release of the tag, else its newest draft. Other drafts with the same tag are
   * named in a warning: publishing the wrong one later would leave the provenance behind.
   */
  Optional<GHRelease> find(String tag) throws IOException {
    GHRelease published = repository.getReleaseByTagName(tag);
    List<GHRelease> drafts = new ArrayList<>();
    for (GHRelease release : Failures.allPages(repository.listReleases().withPageSize(100))) {
      if (release.isDraft() && tag.equals(release.getTagName())) {
        drafts.add(release);
      }
    }
    drafts.sort(
        Comparator.comparing(ReleaseLocator::createdAt).thenComparing(GHRelease::getId).reversed());
    Optional<GHRelease> chosen =
        published != null ? Optional.of(published) : drafts.stream().findFirst();
    List<GHRelease> others =
        drafts.stream().filter(draft -> draft != chosen.orElse(null)).collect(Collectors.toList());
    if (chosen.isPresent() && !others.isEmpty()) {
      log.warning(
          "Several releases for tag " + tag,
          "using "
              + describe(chosen.get())
              + "; also found "
              + others.stream().map(ReleaseLocator::describe).collect(Collectors.joining(", "))
              + ". Delete the drafts you do not mean to publish.");
    }
    return chosen;
  }

  /**
   * Creates a draft for the tag at the commit. Should the POST fail in a way that may have created
   * it anyway (a 5xx, a reset), the next attempt finds that draft rather than make a second.
   */
  GHRelease createDraft(String tag, String commitish) throws IOException {
    return RetriedStep.run(
        policy,
        "create a draft release for " + tag,
        attempt -> {
          if (attempt > 1) {
            Optional<GHRelease> earlier = find(tag);
            if (earlier.isPresent()) {
              return earlier.get();
            }
          }
          return repository.createRelease(tag).draft(true).commitish(commitish).name(tag).create();
        });
  }

  static String describe(GHRelease release) {
    return (release.isDraft() ? "draft " : "release ")
        + release.getId()
        + " ("
        + release.getHtmlUrl()
        + ")";
  }

  private static Date createdAt(GHRelease release) {
    try {
      Date created = release.getCreatedAt();
      return created == null ? new Date(0) : created;
    } catch (IOException e) {
      return new Date(0);
    }
  }
}
