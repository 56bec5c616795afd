package ai.monzie.generation.generation;

import ai.monzie.generation.PageCursor;
import ai.monzie.generation.image.ImageView;
import ai.monzie.generation.image.ImagesConfig;
import ai.monzie.generation.job.Job;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.job.JobStatus;
import ai.monzie.generation.storage.FileSigner;
import ai.monzie.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Reading generations as the API shows them: one, a page, each queued one with its place in line.
 * The read side of {@link GenerationService}, which changes them.
 */
@ApplicationScoped
public class GenerationViews {

  private final Pool pool;
  private final JobRepository jobs;
  private final QueuePlaces places;
  private final FileSigner signer;
  private final ImagesConfig pages;

  GenerationViews(
      Pool pool, JobRepository jobs, QueuePlaces places, FileSigner signer, ImagesConfig pages) {
    this.pool = pool;
    this.jobs = jobs;
    this.places = places;
    this.signer = signer;
    this.pages = pages;
  }

  public Uni<GenerationView> find(UUID user, UUID id) {
    return jobs.findWithImage(pool, user, id)
        .map(found -> found.orElseThrow(() -> GenerationProblems.generationNotFound(id)))
        .flatMap(found -> inLine(List.of(found)))
        .map(views -> views.get(0));
  }

  /** The caller's generations in the given statuses (all when none), newest first, a page. */
  public Uni<GenerationPage> list(UUID user, String status, String limit, String cursor) {
    List<String> statuses = parseStatuses(status);
    int size = parseLimit(limit);
    PageCursor after = PageCursor.decode(cursor);
    return jobs.page(pool, user, statuses, size, after)
        .flatMap(
            rows -> {
              List<JobRepository.JobWithImage> page = rows.subList(0, Math.min(size, rows.size()));
              String next =
                  rows.size() > size
                      ? new PageCursor(
                              page.get(size - 1).job().createdAt(), page.get(size - 1).job().id())
                          .encode()
                      : null;
              return inLine(page).map(items -> new GenerationPage(items, next));
            });
  }

  /** Views of these jobs, the queued ones with their place in line and estimate. */
  public Uni<List<GenerationView>> inLine(List<JobRepository.JobWithImage> found) {
    return places
        .of(found.stream().map(JobRepository.JobWithImage::job).toList())
        .map(placed -> found.stream().map(f -> view(f).inLine(placed.get(f.job().id()))).toList());
  }

  public GenerationView view(JobRepository.JobWithImage found) {
    Job job = found.job();
    return new GenerationView(
        job.id(),
        job.status().value(),
        job.scene().id(),
        job.render().model(),
        job.isEnhance(),
        job.createdAt(),
        found.image() == null ? null : ImageView.of(found.image(), signer),
        job.status() == JobStatus.FAILED ? job.error() : null,
        null,
        null);
  }

  private static List<String> parseStatuses(String status) {
    if (status == null || status.isBlank()) {
      return Arrays.stream(JobStatus.values()).map(JobStatus::value).toList();
    }
    List<String> statuses = new ArrayList<>();
    for (String one : status.split(",", -1)) {
      String value = one.trim();
      if (Arrays.stream(JobStatus.values()).noneMatch(s -> s.value().equals(value))) {
        throw ProblemException.invalid(
            "status",
            "a comma-separated list of "
                + Arrays.stream(JobStatus.values()).map(JobStatus::value).toList());
      }
      statuses.add(value);
    }
    return statuses;
  }

  private int parseLimit(String limit) {
    if (limit == null) {
      return pages.defaultPageSize();
    }
    try {
      int size = Integer.parseInt(limit);
      if (size >= 1 && size <= pages.maxPageSize()) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.invalid(
        "limit", "must be a whole number from 1 to " + pages.maxPageSize());
  }
}
