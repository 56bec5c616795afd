package ai.monzie.analytics.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Inserts a whole batch in ONE statement (arrays unnested server-side): one round trip. */
@ApplicationScoped
public class EventWriter {

  private final Pool pool;

  EventWriter(Pool pool) {
    this.pool = pool;
  }

  /** A batch on its own: the single statement is its transaction. */
  public Uni<Integer> insert(List<AppEvent> events) {
    return insert(pool, events);
  }

  /** A batch inside the caller's transaction (or on any client it chooses). */
  public Uni<Integer> insert(SqlClient client, List<AppEvent> events) {
    int n = events.size();
    UUID[] users = new UUID[n];
    String[] names = new String[n];
    String[] properties = new String[n];
    String[] platforms = new String[n];
    String[] versions = new String[n];
    String[] devices = new String[n];
    String[] sessions = new String[n];
    String[] sources = new String[n];
    String[] eventIds = new String[n];
    OffsetDateTime[] times = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      AppEvent e = events.get(i);
      users[i] = e.userId();
      names[i] = e.eventName();
      properties[i] = e.eventProperties();
      platforms[i] = e.platform();
      versions[i] = e.appVersion();
      devices[i] = e.deviceInfo();
      sessions[i] = e.sessionId();
      sources[i] = e.source();
      eventIds[i] = e.eventId();
      times[i] = e.createdAt();
    }
    return client
        .preparedQuery(
            """
            INSERT INTO analytics_events (user_id, event_name, event_properties, platform,
              app_version, device_info, session_id, source, event_id, created_at)
            SELECT u, name, props::jsonb, platform, version, device::jsonb, session, source, eid, at
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                        $7::text[], $8::text[], $9::text[], $10::timestamptz[])
              AS t(u, name, props, platform, version, device, session, source, eid, at)""")
        .execute(
            Tuple.from(
                new Object[] {
                  users,
                  names,
                  properties,
                  platforms,
                  versions,
                  devices,
                  sessions,
                  sources,
                  eventIds,
                  times
                }))
        .map(rows -> rows.rowCount());
  }

  /** The seed's ON DELETE SET NULL: a deleted user's events stay, without their id. */
  public Uni<Void> anonymise(SqlClient client, List<UUID> users) {
    return client
        .preparedQuery("UPDATE analytics_events SET user_id = NULL WHERE user_id = ANY($1)")
        .execute(Tuple.of(users.toArray(UUID[]::new)))
        .replaceWithVoid();
  }
}
