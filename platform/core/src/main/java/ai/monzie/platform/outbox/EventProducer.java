package ai.monzie.platform.outbox;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one Kafka producer of a service (outbox relay and dead letters): idempotent, acks=all, with
 * short timeouts so that a broker outage fails a relay round quickly instead of hanging it.
 */
@ApplicationScoped
public class EventProducer {

  private final KafkaProducer<String, String> producer;

  EventProducer(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "kafka.client-id-prefix") Optional<String> clientIdPrefix,
      OutboxConfig config) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024); // a relay round sends hundreds at once
    int timeout = (int) config.publishTimeout().toMillis();
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeout / 2));
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
    // kafka.client-id-prefix names the instance (the local stack's replicas set it, as it does
    // for every consumer of the service), so two instances' producers are told apart on the broker
    props.put(
        ProducerConfig.CLIENT_ID_CONFIG,
        clientIdPrefix
            .map(prefix -> prefix + "outbox")
            .orElse("monzie-" + config.source().replace('/', '-')));
    this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /**
   * Sends the records in their order without waiting for each acknowledgement (the idempotent
   * producer keeps that order per partition, retries included), and completes when the broker has
   * acknowledged all of them; fails at the first record it refuses. One round trip per batch, not
   * one per record. Off the event loop: {@code send} blocks while the broker's metadata is unknown.
   */
  public Uni<Void> sendAll(List<ProducerRecord<String, String>> records) {
    if (records.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .<Void>emitter(
            emitter -> {
              AtomicInteger pending = new AtomicInteger(records.size());
              AtomicBoolean failed = new AtomicBoolean();
              Callback acknowledged =
                  (metadata, error) -> {
                    if (error != null) {
                      if (failed.compareAndSet(false, true)) {
                        emitter.fail(error);
                      }
                    } else if (pending.decrementAndGet() == 0) {
                      emitter.complete(null);
                    }
                  };
              try {
                for (ProducerRecord<String, String> record : records) {
                  if (failed.get()) {
                    return;
                  }
                  producer.send(record, acknowledged);
                }
              } catch (RuntimeException e) { // e.g. metadata not available within max.block.ms
                if (failed.compareAndSet(false, true)) {
                  emitter.fail(e);
                }
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  @PreDestroy
  void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
