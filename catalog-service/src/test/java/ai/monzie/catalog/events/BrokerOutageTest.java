package ai.monzie.catalog.events;

import static org.assertj.core.api.Assertions.assertThat;

import ai.monzie.catalog.CatalogFixtures;
import ai.monzie.platform.events.Topics;
import ai.monzie.testing.KafkaProbe;
import ai.monzie.testing.TestInfra;
import ai.monzie.testing.WithMonzieInfra;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithMonzieInfra(database = "catalog")
class BrokerOutageTest {

  @Test
  void writesSucceedWhileKafkaIsDownAndTheirEventsGoOutWhenItReturns() {
    String category = CatalogFixtures.category();
    TestInfra.kafka("stop");
    String id;
    try {
      // the write commits with its outbox row; nothing waits for the broker
      id = CatalogFixtures.scene(category, Map.of());
    } finally {
      TestInfra.kafka("start");
    }
    KafkaProbe.readUntil(
        Topics.SCENE_CHANGED,
        Duration.ofSeconds(60),
        read -> read.stream().anyMatch(e -> id.equals(e.key())));
    assertThat(id).isNotBlank();
  }
}
