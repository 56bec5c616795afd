#!/usr/bin/env bash
# Issue 17: a three-broker KRaft cluster as production runs it (replication factor 3,
# min.insync.replicas=2; every service producer acks=all + idempotence, see platform EventProducer)
# loses the leader of a partition in the middle of the events bench's generation load.
#  - load: pgbench writes image rows + their outbox rows in one transaction (as generation does),
#    a dedicated catalog-service relays the outbox to the 3-broker cluster and its consumer applies
#    usage_count in batches (the events bench's "ours" design, deploy/bench/events);
#  - at KILL_AT s the broker leading partition 0 of the topic is killed with SIGKILL;
#  - after the load, waits for every stored image to be counted and reports: transactions failed,
#    events lost (stored but never applied: must be 0), duplicates applied (counted twice: must be
#    0), duplicates the inbox dropped (delivered twice by the relay's retries), the longest stall
#    (the longest gap between two applied events) and the event lag.
# One command; writes deploy/bench/out/kafka-failover.md. Needs pgbench + psql (postgresql-client)
# and a built tree (./mvnw -DskipTests package). Not part of ./mvnw verify: it kills processes.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
here=deploy/bench/kafka-failover; events=deploy/bench/events; out=deploy/bench/out; mkdir -p "$out"
CLIENTS=${CLIENTS:-16}; DURATION=${DURATION:-60}; KILL_AT=${KILL_AT:-20}; RATE=${RATE:-300}
java=${MONZIE_JAVA:-java}
cp="$(cat platform/infra/target/classes/ai/monzie/infra/kafka-broker.classpath)"
work="$(mktemp -d /tmp/monzie-failover.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "${started:-0}" = 1 ] && deploy/monzie stop >/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

started=0
if ! deploy/monzie status | grep -q "^catalog .* ready"; then deploy/monzie start >/dev/null; started=1; fi
eval "$(deploy/monzie status --env | grep -E '^DATABASE_URL=')"
pg_port="${DATABASE_URL##*:}"
export PGPASSWORD=postgres
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

# --- three KRaft nodes, each broker + controller, on ports of their own -------------------------
base=${BASE_PORT:-29092}
voters="1@127.0.0.1:$((base + 100)),2@127.0.0.1:$((base + 101)),3@127.0.0.1:$((base + 102))"
bootstrap="127.0.0.1:$base,127.0.0.1:$((base + 1)),127.0.0.1:$((base + 2))"
cluster="$("$java" -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
cp platform/infra/target/classes/ai/monzie/infra/kafka-log4j2.properties "$work/log4j2.properties"
declare -A broker_pid
for n in 1 2 3; do
  port=$((base + n - 1)); ctl=$((base + 99 + n))
  cat > "$work/b$n.properties" <<PROPS
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$ctl
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$work/b$n
num.partitions=3
default.replication.factor=3
min.insync.replicas=2
unclean.leader.election.enable=false
offsets.topic.replication.factor=3
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
group.initial.rebalance.delay.ms=0
PROPS
  "$java" -cp "$cp" kafka.tools.StorageTool format -t "$cluster" -c "$work/b$n.properties" --ignore-formatted > "$work/b$n.log" 2>&1
  "$java" -Xms128m -Xmx384m -XX:+UseSerialGC -Dlog4j2.configurationFile="$work/log4j2.properties" \
    -cp "$cp" kafka.Kafka "$work/b$n.properties" >> "$work/b$n.log" 2>&1 &
  broker_pid[$n]=$!; pids+=($!)
done
for n in 1 2 3; do
  for _ in $(seq 1 240); do (exec 3<>/dev/tcp/127.0.0.1/$((base + n - 1))) 2>/dev/null && break; sleep 0.5; done
done
admin() { "$java" -cp "$cp" "$here/FailoverAdmin.java" "$@"; }
topic="bench.failover.$(date +%s)"
for _ in $(seq 1 60); do admin create "$bootstrap" "$topic" 2>/dev/null && break; sleep 1; done
echo "3 brokers up ($bootstrap), topic $topic: replicas 3, min.insync.replicas 2"

# --- the bench database and a catalog-service of its own on the 3-broker cluster ----------------
sql -d postgres -c "DROP DATABASE IF EXISTS bench_failover WITH (FORCE)" -c "CREATE DATABASE bench_failover" >/dev/null
port=18092
QUARKUS_HTTP_PORT=$port QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$pg_port/bench_failover" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/bench_failover" KAFKA_BOOTSTRAP_SERVERS="$bootstrap" \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="file://$root/.monzie/keys/jwks.json" QUARKUS_LOG_CONSOLE_JSON=false \
MP_MESSAGING_INCOMING_IMAGE_GENERATED_TOPIC="$topic" MP_MESSAGING_INCOMING_IMAGE_GENERATED_GROUP_ID="bench-$topic" \
  "$java" -Xmx384m -XX:+UseSerialGC -jar catalog-service/target/quarkus-app/quarkus-run.jar > "$out/failover-catalog.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 0.5; done
sql -d bench_failover -f "$events/ours-schema.sql" >/dev/null

converge() { # waits until every stored image is counted (or 180 s); sets stored, counted
  for _ in $(seq 1 360); do
    stored=$(sql -d bench_failover -c "SELECT count(*) FROM generated_images")
    counted=$(sql -d bench_failover -c "SELECT coalesce(sum(usage_count), 0) FROM scenes WHERE category = 'bench'")
    [ "$stored" = "$counted" ] && return 0
    sleep 0.5
  done
}

leader=$(admin leader "$bootstrap" "$topic" 0)
echo "load: $CLIENTS clients at $RATE images/s for ${DURATION}s; broker $leader (leader of partition 0) is killed at ${KILL_AT}s"
start=$(sql -d bench_failover -c "SELECT now()")
pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$CLIENTS" -j 2 -T "$DURATION" --rate="$RATE" \
  -D topic="$topic" -f "$events/insert-ours.sql" bench_failover > "$out/failover-pgbench.txt" 2>&1 &
bench=$!
sleep "$KILL_AT" # the fault's moment in the load, not a synchronisation
kill -9 "${broker_pid[$leader]}"
killed_at=$(sql -d bench_failover -c "SELECT now()")
new_leader=$(admin leader "$bootstrap" "$topic" 0 || echo "?")
echo "killed broker $leader at $killed_at; partition 0 now led by $new_leader, ISR $(admin isr "$bootstrap" "$topic" 0 || echo '?')"
wait $bench || true
echo "load done; waiting for every stored image to be applied ..."
converge || true

failed=$(awk '/number of failed transactions/ {print $5; exit}' "$out/failover-pgbench.txt"); failed=${failed:-0}
tps=$(awk '/^tps/ {print $3; exit}' "$out/failover-pgbench.txt")
lost=$(sql -d bench_failover -c "SELECT count(*) FROM generated_images g WHERE NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.event_id = g.id::text)")
dup_applied=$(sql -d bench_failover -c "SELECT (SELECT coalesce(sum(usage_count), 0) FROM scenes WHERE category = 'bench') - (SELECT count(*) FROM generated_images g WHERE EXISTS (SELECT 1 FROM processed_events p WHERE p.event_id = g.id::text))")
dup_dropped=$(curl -s "http://127.0.0.1:$port/q/metrics" | awk '/^monzie_events_duplicates_total/ {s += $2} END {printf "%d", s}')
read -r stall_ms stall_at <<< "$(sql -d bench_failover -F ' ' -c "SELECT round(EXTRACT(EPOCH FROM gap) * 1000), to_char(at, 'HH24:MI:SS') FROM (
  SELECT processed_at - lag(processed_at) OVER (ORDER BY processed_at) AS gap, processed_at AS at
  FROM processed_events WHERE processed_at > '$start') g WHERE gap IS NOT NULL ORDER BY gap DESC LIMIT 1")"
read -r lag50 lag99 lagmax <<< "$(sql -d bench_failover -F ' ' -c "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)),
  round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)), round(max(ms)) FROM (SELECT EXTRACT(EPOCH FROM p.processed_at - g.created_at) * 1000 AS ms
  FROM generated_images g JOIN processed_events p ON p.event_id = g.id::text WHERE g.created_at > '$start') l")"
cat > "$out/kafka-failover.md" <<MD
| 3 KRaft brokers, RF 3, min ISR 2, acks=all + idempotence; leader of partition 0 (broker $leader) SIGKILLed at ${KILL_AT} s of ${DURATION} s | figure |
|---|---|
| images stored (image + outbox row per transaction), rate | $stored at $(printf '%.0f' "${tps:-0}")/s |
| transactions failed | $failed |
| events lost (stored, never applied; must be 0) | $lost |
| duplicates applied (counted twice; must be 0) | $dup_applied |
| duplicates delivered and dropped by the inbox | $dup_dropped |
| longest stall (gap between two applied events) | ${stall_ms} ms (ending $stall_at; broker killed $(date -d "$killed_at" +%H:%M:%S)) |
| event lag commit -> applied: p50 / p99 / max | ${lag50} / ${lag99} / ${lagmax} ms |
MD
cat "$out/kafka-failover.md"
[ "$lost" = 0 ] && [ "$dup_applied" = 0 ]
