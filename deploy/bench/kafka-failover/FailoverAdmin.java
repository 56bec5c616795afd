import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The two admin calls the failover bench needs, run as a single-file program on the broker's own
 * classpath (kafka-clients): {@code create <bootstrap> <topic>} makes the topic as production has it
 * (3 partitions, replication factor 3, min.insync.replicas 2); {@code leader <bootstrap> <topic>
 * <partition>} prints the node id leading that partition, {@code isr ...} its in-sync replicas.
 */
public class FailoverAdmin {
  public static void main(String[] args) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
    try (Admin admin = Admin.create(props)) {
      switch (args[0]) {
        case "create" -> {
          NewTopic topic =
              new NewTopic(args[2], 3, (short) 3)
                  .configs(Map.of("min.insync.replicas", "2", "unclean.leader.election.enable", "false"));
          admin.createTopics(List.of(topic)).all().get();
          System.out.println("created " + args[2] + " partitions=3 replicas=3 min.insync.replicas=2");
        }
        case "leader", "isr" -> {
          TopicDescription d =
              admin.describeTopics(List.of(args[2])).allTopicNames().get().get(args[2]);
          var p = d.partitions().get(Integer.parseInt(args[3]));
          System.out.println(
              args[0].equals("leader")
                  ? String.valueOf(p.leader().id())
                  : p.isr().stream().map(n -> String.valueOf(n.id())).toList().toString());
        }
        default -> throw new IllegalArgumentException("create | leader | isr");
      }
    }
  }
}
