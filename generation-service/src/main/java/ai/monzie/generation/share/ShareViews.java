package ai.monzie.generation.share;

import ai.monzie.platform.events.CloudEvents;
import ai.monzie.platform.outbox.EventProducer;
import ai.monzie.platform.outbox.OutboxConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Publishes {@code image.share_viewed} straight to Kafka (the platform's one producer, which
 * batches sends by its linger), not through the outbox: a public read must write nothing to the
 * database, or a link posted in a busy chat would turn page views into row writes. The cost, said
 * plainly: a view during a broker outage is lost (logged), which a view counter can afford.
 */
@ApplicationScoped
public class ShareViews {

  private static final Logger LOG = Logger.getLogger(ShareViews.class);

  private final EventProducer producer;
  private final ObjectMapper json;
  private final OutboxConfig config;

  ShareViews(EventProducer producer, ObjectMapper json, OutboxConfig config) {
    this.producer = producer;
    this.json = json;
    this.config = config;
  }

  /** Sends the view without making the caller wait for the broker. */
  void publish(ShareViewed view) {
    String body;
    try {
      body = json.writeValueAsString(view);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    RecordHeaders headers = new RecordHeaders();
    add(headers, CloudEvents.SPEC_VERSION, "1.0");
    add(headers, CloudEvents.ID, UUID.randomUUID().toString());
    add(headers, CloudEvents.TYPE, view.topic());
    add(headers, CloudEvents.SOURCE, config.source());
    add(
        headers,
        CloudEvents.TIME,
        view.viewedAt().atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    add(headers, CloudEvents.CONTENT_TYPE, "application/json");
    producer
        .sendAll(
            List.of(
                new ProducerRecord<>(
                    view.topic(), null, String.valueOf(view.key()), body, headers)))
        .subscribe()
        .with(
            done -> {},
            e -> LOG.warnf("a view of image %s was not counted: %s", view.imageId(), e.toString()));
  }

  static ShareViewed of(ai.monzie.generation.image.GeneratedImage image, String format) {
    return new ShareViewed(image.id(), image.userId(), image.sceneId(), format, Instant.now());
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
