package ai.monzie.generation.generation;

import ai.monzie.generation.image.ImageRepository;
import ai.monzie.generation.image.ImageView;
import ai.monzie.generation.job.JobRepository;
import ai.monzie.generation.job.JobSignals;
import ai.monzie.generation.job.StatusChange;
import ai.monzie.generation.storage.FileSigner;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A user's generation status changes as Server-Sent Events (the replacement for Supabase Realtime).
 * Fed by NOTIFY, so a change made on any instance reaches a stream on any other. A new stream
 * starts with the user's unfinished jobs and follows their changes; heartbeat comments keep proxies
 * from closing an idle stream.
 *
 * <p>A user holds at most {@code monzie.sse.max-streams-per-user} streams on an instance: a new one
 * closes that user's oldest. Closing the oldest rather than refusing the newest (429) because the
 * usual cause of "too many" is a phone that changed networks and reconnected while its old,
 * half-open stream is not yet noticed dead: refusing would lock the user out until TCP gives up; an
 * attacker still never holds more than the cap, and a browser EventSource does not reconnect after
 * a 429 but would after the close, so closing is also the answer clients recover from.
 */
@ApplicationScoped
public class StatusStream {

  private final JobSignals signals;
  private final JobRepository jobs;
  private final ImageRepository images;
  private final GenerationViews views;
  private final FileSigner signer;
  private final Pool pool;
  private final StreamConfig config;

  /** Each user's open streams on this instance, oldest first. */
  private final Map<UUID, Deque<OpenStream>> open = new ConcurrentHashMap<>();

  /** One open stream; completing {@code closed} ends it. */
  private record OpenStream(CompletableFuture<Void> closed) {}

  StatusStream(
      JobSignals signals,
      JobRepository jobs,
      ImageRepository images,
      GenerationViews views,
      FileSigner signer,
      Pool pool,
      StreamConfig config) {
    this.signals = signals;
    this.jobs = jobs;
    this.images = images;
    this.views = views;
    this.signer = signer;
    this.pool = pool;
    this.config = config;
  }

  public Multi<OutboundSseEvent> of(UUID user, Sse sse) {
    // deferred: a stream is counted from its subscription (the response) to its end
    return Multi.createFrom()
        .deferred(
            () -> {
              OpenStream stream = new OpenStream(new CompletableFuture<>());
              admit(user, stream).forEach(oldest -> oldest.closed().complete(null));
              OutboundSseEvent end = sse.newEventBuilder().comment("closed").build();
              Multi<OutboundSseEvent> closing =
                  Uni.createFrom().completionStage(stream.closed()).replaceWith(end).toMulti();
              return Multi.createBy()
                  .merging()
                  .streams(events(user, sse), closing)
                  .select()
                  .first(event -> event != end)
                  .onTermination()
                  .invoke(() -> release(user, stream));
            });
  }

  /** Counts the stream in, atomically per user; returns the oldest ones it pushes over the cap. */
  private List<OpenStream> admit(UUID user, OpenStream stream) {
    List<OpenStream> over = new ArrayList<>();
    open.compute(
        user,
        (id, streams) -> {
          Deque<OpenStream> list = streams == null ? new ArrayDeque<>() : streams;
          list.addLast(stream);
          while (list.size() > config.maxStreamsPerUser()) {
            over.add(list.pollFirst());
          }
          return list;
        });
    return over;
  }

  private void release(UUID user, OpenStream stream) {
    open.computeIfPresent(
        user,
        (id, streams) -> {
          streams.remove(stream);
          return streams.isEmpty() ? null : streams;
        });
  }

  private Multi<OutboundSseEvent> events(UUID user, Sse sse) {
    // queued jobs of this stream and the place in line last sent for each
    Map<UUID, Integer> shown = new ConcurrentHashMap<>();
    Multi<OutboundSseEvent> current =
        jobs.unfinishedOf(pool, user)
            .flatMap(views::inLine)
            .onItem()
            .transformToMulti(list -> Multi.createFrom().iterable(list))
            .invoke(view -> remember(shown, view))
            .map(view -> event(sse, view));
    // the line moves as other users' jobs are claimed or cancelled: resend changed places
    Multi<OutboundSseEvent> line =
        Multi.createFrom()
            .ticks()
            .every(config.queueRefresh())
            .onOverflow()
            .drop()
            .filter(tick -> !shown.isEmpty())
            .onItem()
            .transformToUniAndConcatenate(
                tick -> jobs.unfinishedOf(pool, user).flatMap(views::inLine))
            .onItem()
            .transformToIterable(
                inLine ->
                    inLine.stream()
                        .filter(
                            view ->
                                view.queuePosition() != null
                                    && !view.queuePosition().equals(shown.get(view.id())))
                        .toList())
            .invoke(view -> remember(shown, view))
            .map(view -> event(sse, view));
    Multi<OutboundSseEvent> changes =
        signals
            .statusChanges()
            // the broadcast does not wait for a slow client: buffer a little, and a client that
            // falls further behind loses its stream (EventSource reconnects and starts anew)
            .onOverflow()
            .buffer(1024)
            .filter(change -> user.equals(change.userId()))
            // in order: a lookup for "succeeded" must not overtake the "running" before it
            .onItem()
            .transformToUniAndConcatenate(this::view)
            .invoke(view -> remember(shown, view))
            .map(view -> event(sse, view));
    // the first heartbeat goes out at once: the client knows the stream is live
    Multi<OutboundSseEvent> heartbeats =
        Multi.createFrom()
            .ticks()
            .every(config.heartbeat())
            .onOverflow()
            .drop() // a heartbeat the client is too busy to take is not needed
            .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
    // merged: all three are subscribed at once, so no change between them is missed
    return Multi.createBy().merging().streams(changes, current, line, heartbeats);
  }

  private static void remember(Map<UUID, Integer> shown, GenerationView view) {
    if (view.queuePosition() == null) {
      shown.remove(view.id());
    } else {
      shown.put(view.id(), view.queuePosition());
    }
  }

  /**
   * The change as the API shows a generation: the image (with fresh signed URLs) when done, the
   * place in line when queued.
   */
  private Uni<GenerationView> view(StatusChange change) {
    if ("queued".equals(change.status())) {
      return views
          .find(change.userId(), change.id())
          .onFailure()
          .recoverWithItem(plain(change, null)); // gone meanwhile (its user deleted)
    }
    Uni<ImageView> image =
        change.imageId() == null
            ? Uni.createFrom().nullItem()
            : images
                .find(pool, change.userId(), change.imageId())
                .map(found -> found.map(i -> ImageView.of(i, signer)).orElse(null));
    return image.map(view -> plain(change, view));
  }

  private static GenerationView plain(StatusChange change, ImageView image) {
    return new GenerationView(
        change.id(), change.status(), null, null, null, null, image, change.error(), null, null);
  }

  private static OutboundSseEvent event(Sse sse, GenerationView view) {
    return sse.newEventBuilder()
        .id(view.id() + ":" + view.status())
        .name(view.status())
        .mediaType(MediaType.APPLICATION_JSON_TYPE)
        .data(GenerationView.class, view)
        .build();
  }
}
