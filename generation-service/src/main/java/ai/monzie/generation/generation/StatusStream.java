package ai.monzie.generation.generation;

import ai.monzie.generation.image.ImageRepository;
import ai.monzie.generation.image.ImageView;
import ai.monzie.generation.storage.FileSigner;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A user's generation status changes as Server-Sent Events (the replacement for Supabase Realtime).
 * Fed by NOTIFY, so a change made on any instance reaches a stream on any other. A new stream
 * starts with the user's unfinished jobs and follows their changes; heartbeat comments keep proxies
 * from closing an idle stream.
 */
@ApplicationScoped
public class StatusStream {

  private final JobSignals signals;
  private final JobRepository jobs;
  private final ImageRepository images;
  private final GenerationService generations;
  private final FileSigner signer;
  private final Pool pool;
  private final Duration heartbeat;

  StatusStream(
      JobSignals signals,
      JobRepository jobs,
      ImageRepository images,
      GenerationService generations,
      FileSigner signer,
      Pool pool,
      @ConfigProperty(name = "monzie.sse.heartbeat") Duration heartbeat) {
    this.signals = signals;
    this.jobs = jobs;
    this.images = images;
    this.generations = generations;
    this.signer = signer;
    this.pool = pool;
    this.heartbeat = heartbeat;
  }

  public Multi<OutboundSseEvent> of(UUID user, Sse sse) {
    Multi<OutboundSseEvent> current =
        jobs.unfinishedOf(pool, user)
            .onItem()
            .transformToMulti(list -> Multi.createFrom().iterable(list))
            .map(found -> event(sse, generations.view(found)));
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
            .map(view -> event(sse, view));
    // the first heartbeat goes out at once: the client knows the stream is live
    Multi<OutboundSseEvent> heartbeats =
        Multi.createFrom()
            .ticks()
            .every(heartbeat)
            .onOverflow()
            .drop() // a heartbeat the client is too busy to take is not needed
            .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
    // merged: all three are subscribed at once, so no change between them is missed
    return Multi.createBy().merging().streams(changes, current, heartbeats);
  }

  /** The change as the API shows a generation; the image (with fresh signed URLs) when done. */
  private Uni<GenerationView> view(StatusChange change) {
    Uni<ImageView> image =
        change.imageId() == null
            ? Uni.createFrom().nullItem()
            : images
                .find(pool, change.userId(), change.imageId())
                .map(found -> found.map(i -> ImageView.of(i, signer)).orElse(null));
    return image.map(
        view ->
            new GenerationView(
                change.id(), change.status(), null, null, null, null, view, change.error()));
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
