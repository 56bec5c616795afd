package ai.monzie.profile.export;

import ai.monzie.platform.export.ExportPartReady;
import ai.monzie.platform.export.ExportRequested;
import ai.monzie.platform.outbox.OutboxWriter;
import ai.monzie.platform.problem.PgErrors;
import ai.monzie.platform.storage.ExportKeys;
import ai.monzie.platform.storage.ObjectStore;
import ai.monzie.profile.mail.AccountMails;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Data exports (issue 14): the request (limits exact under parallel requests), the parts the four
 * services announce, the archive assembled once all four are in, and the end of an export (timeout,
 * expiry, the account's deletion).
 */
@ApplicationScoped
public class ExportService {

  private static final Logger LOG = Logger.getLogger(ExportService.class);

  /** How long one instance holds an export it assembles before another may try. */
  private static final Duration ASSEMBLY_LEASE = Duration.ofMinutes(10);

  private final Pool pool;
  private final ExportRepository exports;
  private final OutboxWriter outbox;
  private final ObjectStore store;
  private final ArchiveAssembler assembler;
  private final ExportLinks links;
  private final AccountMails mails;
  private final ExportConfig config;

  ExportService(
      Pool pool,
      ExportRepository exports,
      OutboxWriter outbox,
      ObjectStore store,
      ArchiveAssembler assembler,
      ExportLinks links,
      AccountMails mails,
      ExportConfig config) {
    this.pool = pool;
    this.exports = exports;
    this.outbox = outbox;
    this.store = store;
    this.assembler = assembler;
    this.links = links;
    this.mails = mails;
    this.config = config;
  }

  /**
   * A new export and its {@code user.export-requested}, in one transaction; 409 while one is
   * pending, 429 past the daily limit (with the seconds until the oldest of the day ages out).
   */
  public Uni<DataExport.Accepted> request(UUID user) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(
            tx ->
                exports
                    .lockUser(tx, user)
                    .flatMap(x -> exports.recent(tx, user))
                    .flatMap(
                        recent -> {
                          if (recent.pending() > 0) {
                            throw ExportProblems.pending();
                          }
                          if (recent.today() >= config.dailyLimit()) {
                            OffsetDateTime free = recent.oldestToday().plusHours(24);
                            throw ExportProblems.limit(
                                config.dailyLimit(),
                                Duration.between(Instant.now(), free.toInstant()).toSeconds() + 1);
                          }
                          return exports.insert(tx, id, user);
                        })
                    .flatMap(
                        requestedAt ->
                            outbox.append(tx, new ExportRequested(id, user, requestedAt))))
        .onFailure(e -> PgErrors.is(e, PgErrors.UNIQUE_VIOLATION))
        .transform(e -> ExportProblems.pending())
        .replaceWith(new DataExport.Accepted(id, "pending"));
  }

  /** The caller's export; another user's id is 404 like an unknown one. */
  public Uni<DataExport> get(UUID user, UUID id) {
    return exports
        .find(pool, id, user)
        .map(
            found -> {
              ExportRepository.ExportRow row =
                  found.orElseThrow(() -> ExportProblems.notFound(id.toString()));
              String url = null;
              if (row.status().equals("ready")) {
                Instant linkEnd = Instant.now().plus(config.linkTtl());
                Instant expires = row.expiresAt().toInstant();
                url = links.url(row.id(), linkEnd.isBefore(expires) ? linkEnd : expires);
              }
              return new DataExport(
                  row.id(),
                  row.status(),
                  row.createdAt(),
                  row.readyAt(),
                  row.expiresAt(),
                  url,
                  row.failure());
            });
  }

  /** The archive's object key for a valid link to a ready export; a bad link is 403. */
  public Uni<String> download(UUID id, long expires, String signature) {
    if (!links.verifies(id, expires, signature, Instant.now())) {
      return Uni.createFrom().failure(ExportProblems.badLink());
    }
    return exports
        .isDownloadable(pool, id)
        .map(
            ready -> {
              if (!ready) {
                throw ExportProblems.notFound(id.toString());
              }
              return ExportKeys.archive(id);
            });
  }

  /**
   * Records parts (in the consumer's transaction); returns the exports that were gone, whose parts
   * the caller deletes after commit (a part that arrives after the account's deletion).
   */
  public Uni<List<UUID>> recordParts(SqlConnection tx, List<ExportPartReady> parts) {
    return Multi.createFrom()
        .iterable(parts)
        .onItem()
        .transformToUniAndConcatenate(
            p -> {
              ExportKeys.requireService(p.service());
              p.files().forEach(ExportKeys::requireFile); // a crafted name never reaches the ZIP
              return exports
                  .addPart(tx, p.exportId(), p.service(), p.files(), p.bytes())
                  .map(known -> known ? null : p.exportId());
            })
        .filter(java.util.Objects::nonNull)
        .collect()
        .asList();
  }

  /** Assembles every export whose parts are all in (one export, or all when null). */
  public Uni<Void> assembleComplete(UUID only) {
    return exports
        .claimComplete(pool, only, ExportKeys.SERVICES.size(), ASSEMBLY_LEASE)
        .flatMap(
            ids ->
                Multi.createFrom()
                    .iterable(ids)
                    .onItem()
                    .transformToUniAndConcatenate(this::assemble)
                    .collect()
                    .last()
                    .replaceWithVoid());
  }

  private Uni<Void> assemble(UUID export) {
    return exports
        .parts(pool, export)
        .flatMap(
            parts ->
                Uni.createFrom()
                    .item(
                        () -> {
                          try {
                            return assembler.assemble(export, parts);
                          } catch (IOException e) {
                            throw new UncheckedIOException(e);
                          }
                        })
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
        .flatMap(
            bytes ->
                pool.withTransaction(
                    tx ->
                        exports
                            .markReady(tx, export, bytes, config.retention())
                            .flatMap(
                                ready ->
                                    ready.isEmpty()
                                        ? Uni.createFrom().item(false)
                                        : mails
                                            .queueExportReady(
                                                tx,
                                                ready.get().email(),
                                                ready.get().locale(),
                                                export,
                                                ready.get().expiresAt())
                                            .replaceWith(true))))
        .flatMap(
            readied -> {
              // the parts are in the archive now; an export failed meanwhile loses its archive too
              return readied
                  ? deleteParts(export)
                  : store.deletePrefix(ExportKeys.exportPrefix(export)).replaceWithVoid();
            })
        .onFailure()
        .recoverWithUni(
            e -> {
              LOG.errorf("export %s: the archive could not be built: %s", export, e.getMessage());
              return exports
                  .markFailed(pool, export, "the archive could not be built")
                  .call(() -> store.deletePrefix(ExportKeys.exportPrefix(export)));
            });
  }

  private Uni<Void> deleteParts(UUID export) {
    return Multi.createFrom()
        .iterable(ExportKeys.SERVICES)
        .onItem()
        .transformToUniAndConcatenate(s -> store.deletePrefix(ExportKeys.partPrefix(export, s)))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** Timeouts, expiries and old rows; the files of what ended are deleted. */
  public Uni<Void> sweep() {
    return exports
        .failTimedOut(pool, config.partTimeout(), ExportKeys.SERVICES)
        .flatMap(failed -> deleteFiles(failed))
        .flatMap(x -> exports.expire(pool))
        .flatMap(this::deleteFiles)
        .flatMap(x -> exports.deleteEnded(pool, config.retention()))
        .flatMap(x -> assembleComplete(null));
  }

  /** Deletes the exports' files (parts and archive). */
  public Uni<Void> deleteFiles(List<UUID> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Multi.createFrom()
        .iterable(ids)
        .onItem()
        .transformToUniAndConcatenate(id -> store.deletePrefix(ExportKeys.exportPrefix(id)))
        .collect()
        .last()
        .replaceWithVoid();
  }
}
