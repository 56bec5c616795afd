#!/bin/sh
# Writes server.properties from the environment, formats the storage on first start and runs the
# broker in the foreground. KAFKA_LISTENERS / KAFKA_ADVERTISED_LISTENERS /
# KAFKA_LISTENER_SECURITY_PROTOCOL_MAP / KAFKA_INTER_BROKER_LISTENER_NAME name the listeners
# (defaults: PLAINTEXT on 9092 advertised as localhost:9092); the controller listens on 9093.
set -eu
data="${KAFKA_DATA:-/var/lib/kafka}"
props="$data/server.properties"
cat > "$props" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=${KAFKA_LISTENERS:-PLAINTEXT://:9092},CONTROLLER://:9093
advertised.listeners=${KAFKA_ADVERTISED_LISTENERS:-PLAINTEXT://localhost:9092}
controller.listener.names=CONTROLLER
listener.security.protocol.map=${KAFKA_LISTENER_SECURITY_PROTOCOL_MAP:-PLAINTEXT:PLAINTEXT},CONTROLLER:PLAINTEXT
inter.broker.listener.name=${KAFKA_INTER_BROKER_LISTENER_NAME:-PLAINTEXT}
log.dirs=$data/logs
num.partitions=${KAFKA_NUM_PARTITIONS:-3}
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
java_opts="${KAFKA_JAVA_OPTS:--Xms128m -Xmx512m -XX:+UseSerialGC}"
run() { exec_or_run="$1"; shift; $exec_or_run java $java_opts -Dlog4j2.configurationFile=/opt/kafka/log4j2.properties -cp '/opt/kafka/libs/*' "$@"; }
if [ ! -f "$data/logs/meta.properties" ]; then
  # one fixed cluster id per image is enough for a single node (16 bytes, base64url)
  run "" kafka.tools.StorageTool format -t "${KAFKA_CLUSTER_ID:-bW9uemllLWthZmthLTQxMg}" -c "$props" --ignore-formatted
fi
run exec kafka.Kafka "$props"
