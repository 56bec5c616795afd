package ai.monzie.generation.export;

import ai.monzie.platform.export.ExportParts;
import ai.monzie.platform.export.ExportRequested;
import ai.monzie.platform.inbox.EventBatches;
import ai.monzie.platform.outbox.OutboxWriter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Generation's part of a data export ({@code user.export-requested}): {@code images.json} and the
 * image files ({@code images/<id>.png}, streamed from the store), {@code favorites.json}, {@code
 * usage.json} (generations per day), {@code credits.json} (entitlement, grants and the ledger) and
 * {@code uploads.json}; then {@code user.export-part-ready} in the same transaction as the event's
 * processed mark. A redelivered request rewrites the same files (same names).
 */
@ApplicationScoped
public class GenerationExportPart {

  static final String SERVICE = "generation";

  private final EventBatches batches;
  private final ExportParts parts;
  private final OutboxWriter outbox;

  GenerationExportPart(EventBatches batches, ExportParts parts, OutboxWriter outbox) {
    this.batches = batches;
    this.parts = parts;
    this.outbox = outbox;
  }

  @Incoming("export-requests")
  public Uni<Void> consume(ConsumerRecords<String, String> records) {
    return batches.applyEach(records, ExportRequested.class, this::write);
  }

  Uni<Void> write(SqlConnection tx, ExportRequested request) {
    ExportParts.Part part = parts.start(request, SERVICE);
    UUID user = request.userId();
    return json(
            tx,
            """
            SELECT jsonb_pretty(coalesce(jsonb_agg(jsonb_build_object(
                'id', i.id, 'generation_id', i.generation_id, 'scene_id', i.scene_id,
                'scene_name', i.scene_name, 'scene_category', i.scene_category,
                'prompt', i.prompt, 'model', i.model, 'is_favorite', i.is_favorite,
                'is_enhanced', i.is_enhanced, 'source_image_id', i.source_image_id,
                'width', i.width, 'height', i.height, 'generation_time', i.generation_time,
                'created_at', i.created_at, 'file', 'images/' || i.id || '.png')
              ORDER BY i.created_at, i.id), '[]'::jsonb)) AS doc
            FROM generated_images i WHERE i.user_id = $1
            """,
            user)
        .flatMap(doc -> part.jsonText("images.json", doc))
        .flatMap(x -> copyImages(tx, part, user))
        .flatMap(
            x ->
                json(
                    tx,
                    """
                    SELECT jsonb_pretty(coalesce(jsonb_agg(jsonb_build_object(
                        'image_id', i.id, 'scene_name', i.scene_name, 'created_at', i.created_at)
                      ORDER BY i.created_at, i.id), '[]'::jsonb)) AS doc
                    FROM generated_images i WHERE i.user_id = $1 AND i.is_favorite
                    """,
                    user))
        .flatMap(doc -> part.jsonText("favorites.json", doc))
        .flatMap(
            x ->
                json(
                    tx,
                    """
                    SELECT jsonb_pretty(coalesce(jsonb_agg(jsonb_build_object(
                        'date', u.date, 'generation_count', u.generation_count)
                      ORDER BY u.date), '[]'::jsonb)) AS doc
                    FROM usage_tracking u WHERE u.user_id = $1
                    """,
                    user))
        .flatMap(doc -> part.jsonText("usage.json", doc))
        .flatMap(
            x ->
                json(
                    tx,
                    """
                    SELECT jsonb_pretty(jsonb_build_object(
                      'entitlement', (SELECT to_jsonb(e) - 'user_id' - 'source_event_id'
                                      FROM credit_entitlements e WHERE e.user_id = $1),
                      'grants', coalesce((SELECT jsonb_agg(to_jsonb(g) - 'user_id'
                                                           ORDER BY g.created_at)
                                          FROM credit_grants g WHERE g.user_id = $1), '[]'::jsonb),
                      'ledger', coalesce((SELECT jsonb_agg(to_jsonb(l) - 'user_id' ORDER BY l.id)
                                          FROM credit_ledger l WHERE l.user_id = $1), '[]'::jsonb)
                    )) AS doc
                    """,
                    user))
        .flatMap(doc -> part.jsonText("credits.json", doc))
        .flatMap(
            x ->
                json(
                    tx,
                    """
                    SELECT jsonb_pretty(coalesce(jsonb_agg(jsonb_build_object(
                        'id', u.id, 'purpose', u.purpose, 'content_type', u.content_type,
                        'width', u.width, 'height', u.height, 'created_at', u.created_at)
                      ORDER BY u.created_at, u.id), '[]'::jsonb)) AS doc
                    FROM uploads u WHERE u.user_id = $1
                    """,
                    user))
        .flatMap(doc -> part.jsonText("uploads.json", doc))
        .flatMap(x -> outbox.append(tx, part.ready()))
        .replaceWithVoid();
  }

  /** Each image file copied, one at a time (streamed: one buffer in memory, whatever the size). */
  private Uni<Void> copyImages(SqlConnection tx, ExportParts.Part part, UUID user) {
    return tx.preparedQuery(
            "SELECT id, image_key FROM generated_images WHERE user_id = $1 ORDER BY created_at, id")
        .execute(Tuple.of(user))
        .flatMap(
            rows -> {
              List<Row> list = new ArrayList<>();
              rows.forEach(list::add);
              if (list.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return Multi.createFrom()
                  .iterable(list)
                  .onItem()
                  .transformToUniAndConcatenate(
                      row ->
                          part.copy(
                              "images/" + row.getUUID("id") + ".png", row.getString("image_key")))
                  .collect()
                  .last()
                  .replaceWithVoid();
            });
  }

  private static Uni<String> json(SqlConnection tx, String sql, UUID user) {
    return tx.preparedQuery(sql)
        .execute(Tuple.of(user))
        .map(rows -> rows.iterator().next().getString("doc"));
  }
}
