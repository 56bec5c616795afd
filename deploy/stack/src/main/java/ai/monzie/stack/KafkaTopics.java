package ai.monzie.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The topics of deploy/contracts/EVENTS.md (3 partitions) with their {@code .dlq}s; the snapshot
 * topics {@code scene.changed} and {@code profile.changed} are compacted.
 */
public final class KafkaTopics {
  private KafkaTopics() {}

  public static final List<String> TOPICS =
      List.of(
          "user.signed-up",
          "user.deleted",
          "session.revoked",
          "profile.changed",
          "entitlement.changed",
          "credits.granted",
          "credits.revoked",
          "scene.changed",
          "generation.requested",
          "image.generated",
          "generation.failed",
          "generation.cancelled",
          "image.favorited",
          "image.unfavorited",
          "image.deleted",
          "image.shared",
          "image.share_viewed",
          "user.export-requested",
          "user.export-part-ready");
  static final Set<String> COMPACTED = Set.of("scene.changed", "profile.changed");

  /** Creates the topics that are missing; returns how many it created. */
  public static int create(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : TOPICS) {
        if (!existing.contains(topic)) {
          NewTopic t = new NewTopic(topic, 3, (short) 1);
          if (COMPACTED.contains(topic)) {
            t.configs(Map.of("cleanup.policy", "compact"));
          }
          missing.add(t);
        }
        if (!existing.contains(topic + ".dlq")) {
          missing.add(new NewTopic(topic + ".dlq", 1, (short) 1));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
      return missing.size();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create topics: " + e.getCause().getMessage(), e);
      }
      return 0; // created concurrently
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
