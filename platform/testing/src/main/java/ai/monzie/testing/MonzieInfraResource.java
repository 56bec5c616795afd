package ai.monzie.testing;

import ai.monzie.infra.DevKeys;
import ai.monzie.infra.KafkaBroker;
import ai.monzie.infra.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceConfigurableLifecycleManager;
import java.util.Map;

/**
 * Starts (once per JVM) the real PostgreSQL and Kafka that {@link WithMonzieInfra} promises, and
 * hands Quarkus the connection settings. Explicit servers win: see {@link PostgresServer} and
 * {@link KafkaBroker} for the environment variables.
 */
public class MonzieInfraResource
    implements QuarkusTestResourceConfigurableLifecycleManager<WithMonzieInfra> {

  private String database;

  @Override
  public void init(WithMonzieInfra annotation) {
    this.database = annotation.database();
  }

  @Override
  public Map<String, String> start() {
    TestInfra infra = TestInfra.get();
    infra.postgres().createDatabase(database);
    return Map.ofEntries(
        Map.entry("quarkus.datasource.reactive.url", infra.postgres().reactiveUrl(database)),
        Map.entry("quarkus.datasource.jdbc.url", infra.postgres().jdbcUrl(database)),
        Map.entry("quarkus.datasource.username", infra.postgres().user()),
        Map.entry("quarkus.datasource.password", infra.postgres().password()),
        Map.entry("kafka.bootstrap.servers", infra.kafka().bootstrapServers()),
        Map.entry("mp.jwt.verify.publickey.location", infra.jwksFile().toUri().toString()),
        Map.entry("mp.jwt.verify.issuer", DevKeys.DEFAULT_ISSUER),
        Map.entry("mp.jwt.verify.audiences", DevKeys.DEFAULT_AUDIENCE),
        // the issuing service (profile) signs with the same key the others verify against
        Map.entry(
            "monzie.jwt.signing-key-location",
            infra.jwksFile().resolveSibling("jwt-private.pem").toString()),
        Map.entry("monzie.jwt.key-id", infra.keys().keyId()));
  }

  @Override
  public void stop() {
    // The servers live for the whole JVM (shutdown hooks stop them): Quarkus restarts the
    // application between test profiles, and restarting PostgreSQL and Kafka each time is slow.
  }
}
