package ai.monzie.platform.outbox;

import ai.monzie.platform.events.CloudEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows in commit order and deletes them once the broker has acknowledged them. A
 * transaction-scoped advisory lock lets one instance relay at a time, which keeps the per-key order
 * when several replicas run. Broker down: the round fails, rows stay, the next round retries.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final long RELAY_LOCK = 0x6d6f6e7a6965L; // "monzie"

  private final Pool pool;
  private final EventProducer producer;
  private final OutboxConfig config;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestAgeMillis = new AtomicLong();
  private volatile boolean brokerDownLogged;
  private volatile boolean running;
  private Thread worker;
  private long lastBacklogRefresh;

  OutboxRelay(Pool pool, EventProducer producer, OutboxConfig config, MeterRegistry registry) {
    this.pool = pool;
    this.producer = producer;
    this.config = config;
    Gauge.builder("monzie.outbox.backlog", backlog, AtomicLong::get)
        .description("Events written but not yet published")
        .register(registry);
    Gauge.builder("monzie.outbox.oldest.age.seconds", oldestAgeMillis, a -> a.get() / 1000.0)
        .description("Age of the oldest unpublished event")
        .register(registry);
  }

  void start(@Observes StartupEvent event) {
    if (config.relayEnabled()) {
      running = true;
      worker = new Thread(this::loop, "outbox-relay");
      worker.setDaemon(true);
      worker.start();
    }
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (worker != null) {
      worker.interrupt();
    }
  }

  /**
   * Publishes while there is a backlog, then polls every {@code poll-interval} (the scheduler's
   * one-second minimum would add up to a second of event lag). Blocking is fine here: this is the
   * relay's own thread, never an event loop.
   */
  private void loop() {
    while (running) {
      try {
        int published = relayOnce().await().atMost(config.publishTimeout().multipliedBy(2));
        if (brokerDownLogged) {
          LOG.info("outbox relay publishing again");
          brokerDownLogged = false;
        }
        refreshBacklog();
        if (published < config.batchSize()) {
          Thread.sleep(config.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        if (!brokerDownLogged) { // one line per outage, not one per poll
          LOG.warnf("outbox relay paused, events wait in the outbox: %s", e.getMessage());
          brokerDownLogged = true;
        }
        refreshBacklog();
        try {
          Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** One round: publish up to a batch of rows; returns how many were published. */
  public Uni<Integer> relayOnce() {
    return pool.withTransaction(
        conn ->
            conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .flatMap(
                    lock ->
                        lock.iterator().next().getBoolean(0)
                            ? publishBatch(conn)
                            : Uni.createFrom().item(0)));
  }

  /**
   * Takes the oldest rows out of the outbox and publishes them, in one transaction: the DELETE
   * commits only once the broker has acknowledged every record, so a failed send rolls the rows
   * back into the outbox (at least once; consumers drop the duplicates by {@code ce_id}). One
   * statement finds and removes the batch, which matters when the database is busy.
   */
  private Uni<Integer> publishBatch(SqlConnection conn) {
    return conn.preparedQuery(
            "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT $1)"
                + " RETURNING id, event_id, topic, event_key, payload::text AS payload,"
                + " traceparent, created_at")
        .execute(Tuple.of(config.batchSize()))
        .flatMap(
            rows -> {
              List<Row> taken = new ArrayList<>();
              rows.forEach(taken::add);
              if (taken.isEmpty()) {
                return Uni.createFrom().item(0);
              }
              taken.sort(
                  Comparator.comparingLong(row -> row.getLong("id"))); // RETURNING: any order
              List<ProducerRecord<String, String>> records = new ArrayList<>(taken.size());
              for (Row row : taken) {
                records.add(toRecord(row));
              }
              // Sent in order on one producer (idempotent, so retries keep the order per key).
              return producer.sendAll(records).replaceWith(taken.size());
            });
  }

  private ProducerRecord<String, String> toRecord(Row row) {
    RecordHeaders headers = new RecordHeaders();
    String topic = row.getString("topic");
    add(headers, CloudEvents.SPEC_VERSION, "1.0");
    add(headers, CloudEvents.ID, row.getUUID("event_id").toString());
    add(headers, CloudEvents.TYPE, topic);
    add(headers, CloudEvents.SOURCE, config.source());
    OffsetDateTime created = row.getOffsetDateTime("created_at");
    add(
        headers,
        CloudEvents.TIME,
        created
            .withOffsetSameInstant(ZoneOffset.UTC)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    add(headers, CloudEvents.CONTENT_TYPE, "application/json");
    String traceparent = row.getString("traceparent");
    if (traceparent != null) {
      add(headers, CloudEvents.TRACEPARENT, traceparent);
    }
    return new ProducerRecord<>(
        topic, null, row.getString("event_key"), row.getString("payload"), headers);
  }

  private static void add(RecordHeaders headers, String name, String value) {
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private void refreshBacklog() {
    long now = System.nanoTime();
    if (now - lastBacklogRefresh
        < 5_000_000_000L) { // a count(*) each 100 ms would cost more than it tells
      return;
    }
    lastBacklogRefresh = now;
    try {
      Row row =
          pool.query(
                  "SELECT count(*) AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)"
                      + " * 1000 AS age FROM outbox")
              .execute()
              .await()
              .atMost(java.time.Duration.ofSeconds(5))
              .iterator()
              .next();
      backlog.set(row.getLong("n"));
      oldestAgeMillis.set(row.getNumeric("age").longValue());
    } catch (RuntimeException e) {
      // database unavailable: readiness reports it; the gauges keep their last value
    }
  }
}
