#!/usr/bin/env bash
# Issue 13 benchmark: 1,000 generations in flight on ONE generation-service instance.
# A fake fal of the bench's own (FakeFal.java, loopback) finishes each request 10 s after its
# submission and calls the webhook, signed with its own Ed25519 key (served as fal's JWKS).
# 1,000 premium users each POST /v1/generations once, spread over 10 s (100/s: what the fake's
# 10 s per request and 1,000 in flight allow). Reported per run: completions/s at steady state
# (the middle 80 % of completions: 800 / time from the 10th to the 90th percentile of finished_at;
# target >= 90), POST /v1/generations p99 during the submissions (target < 50 ms), the service's
# peak RSS and live threads (targets < 400 MiB, < 200), and how many jobs succeeded (all 1,000).
#   A. webhooks on (monzie.fal.webhook-base-url set): jobs wait without a slot, the webhook ends them;
#   B. webhooks off: the same, every waiting job polled each monzie.fal.poll-interval (1 s).
# Everything runs on free loopback ports of its own (PostgreSQL, one Kafka broker, the fake, the
# service as a jar with the local stack's JVM options): the local stack need not run.
# One command; writes deploy/bench/out/inflight.md. Needs psql and the PostgreSQL server binaries
# (initdb, pg_ctl) on the PATH, and a built platform/infra (Kafka's class path).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
here=deploy/bench/inflight; out=deploy/bench/out; mkdir -p "$out"
USERS=${USERS:-1000}; SUBMIT_SECONDS=${SUBMIT_SECONDS:-10}; WORK_SECONDS=${WORK_SECONDS:-10}
# Before each measured run, WARMUP_USERS other premium users generate once over SUBMIT_SECONDS and
# the run waits until their jobs ended: the JIT has compiled the request path and the provider
# path (a first run without it measured a cold JVM: POST p99 1.7 s). 0 turns it off.
WARMUP_USERS=${WARMUP_USERS:-300}
java=${MONZIE_JAVA:-java}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then # SKIP_BUILD=1: the jar of the last build
  echo "building generation-service ..."
  ./mvnw -o -B -ntp -q -pl generation-service -am package -DskipTests -Dspotless.check.skip=true
fi
jar=generation-service/target/quarkus-app/quarkus-run.jar
kafka_cp="$(cat platform/infra/target/classes/ai/monzie/infra/kafka-broker.classpath)"

work=$(mktemp -d /tmp/monzie-bench-inflight.XXXXXX); chmod 755 "$work"
pids=()
as_pg=()
if [ "$(id -u)" = 0 ]; then
  pg_user=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
  as_pg=(runuser -u "$pg_user" --)
  mkdir -p "$work/pg"; chown "$pg_user" "$work/pg"
fi
cleanup() {
  trap - EXIT INT TERM
  "${as_pg[@]}" pg_ctl -D "$work/pg/data" -m fast stop >/dev/null 2>&1 || true
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
wait_port() { for _ in $(seq 1 240); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.5; done; return 1; }

pg=$(free_port)
echo "PostgreSQL on $pg ..."
"${as_pg[@]}" initdb -D "$work/pg/data" -U postgres --auth=trust >/dev/null
"${as_pg[@]}" pg_ctl -D "$work/pg/data" -l "$work/pg/pg.log" -w start -o "-p $pg -k $work/pg \
  -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB" >/dev/null
psql -h 127.0.0.1 -p "$pg" -U postgres -d postgres -qc "CREATE DATABASE generation"
sql() { psql -h 127.0.0.1 -p "$pg" -U postgres -d generation -v ON_ERROR_STOP=1 -qtA "$@"; }

kafka=$(free_port); controller=$(free_port)
echo "Kafka on $kafka ..."
cat > "$work/kafka.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$kafka,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$work/kafka
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
cp platform/infra/target/classes/ai/monzie/infra/kafka-log4j2.properties "$work/log4j2.properties"
"$java" -cp "$kafka_cp" kafka.tools.StorageTool format -t "$("$java" -cp "$kafka_cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
  -c "$work/kafka.properties" --ignore-formatted > "$work/kafka.log" 2>&1
"$java" -Xms128m -Xmx384m -XX:+UseSerialGC -Dlog4j2.configurationFile="$work/log4j2.properties" \
  -cp "$kafka_cp" kafka.Kafka "$work/kafka.properties" >> "$work/kafka.log" 2>&1 &
pids+=($!)
wait_port "$kafka"

fal=$(free_port)
echo "fake fal on $fal ($WORK_SECONDS s per request) ..."
"$java" -Xmx128m "$here/FakeFal.java" "$fal" "$WORK_SECONDS" > "$work/fal.log" 2>&1 &
pids+=($!)
wait_port "$fal"

"$java" "$here/Load.java" keys "$work"
"$java" "$here/Load.java" users "$work" "$USERS"
mkdir -p "$work/warm"; cp "$work/jwt-private.der" "$work/jwt-public.pem" "$work/warm/"
"$java" "$here/Load.java" users "$work/warm" "$WARMUP_USERS"
scene=$(python3 -c 'import uuid; print(uuid.uuid4())')

# run NAME WEBHOOKS(true|false): one instance, 1,000 generations; appends a table row
run() {
  local name="$1" webhooks="$2" port pid t0 log="$work/service-$2.log"
  port=$(free_port)
  local -a env=(
    QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$pg/generation"
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg/generation"
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka"
    MP_JWT_VERIFY_PUBLICKEY_LOCATION="$work/jwt-public.pem"
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false _PROD_QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
    QUARKUS_LOG_CATEGORY__AI_MONZIE_GENERATION_WORKER__LEVEL=WARN
    MONZIE_FILES_SIGNING_KEY="bench-files-signing-key-0123456789abcdef"
    MONZIE_STORAGE_FILESYSTEM_ROOT="$work/files"
    MONZIE_GENERATION_PROVIDER=fal MONZIE_FAL_KEY=bench-key
    MONZIE_FAL_BASE_URL="http://127.0.0.1:$fal" MONZIE_FAL_TEXT_TO_IMAGE_MODEL=fal-ai/bench
    MONZIE_FAL_WEBHOOK_JWKS_URL="http://127.0.0.1:$fal/.well-known/jwks.json"
    MONZIE_GENERATION_CONCURRENCY_FAL=16
  )
  [ "$webhooks" = true ] && env+=(MONZIE_FAL_WEBHOOK_BASE_URL="http://127.0.0.1:$port")
  echo "$name: starting generation-service on $port ..."
  env "${env[@]}" "$java" -Xms64m -Xmx384m -XX:+UseSerialGC -jar "$jar" > "$log" 2>&1 &
  pid=$!; pids+=($pid)
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || break # it did not start: its log says why
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || { tail -50 "$log"; exit 1; }
  # 1,000 premium users and one scene, as profile.changed and scene.changed would have left them
  sql <<SQL
INSERT INTO scene_snapshots (id, name, category, prompt_template, is_active, is_premium, version, updated_at)
VALUES ('$scene', 'Bench', 'portrait', 'A portrait, {style}', true, false, 1, now()) ON CONFLICT DO NOTHING;
INSERT INTO user_snapshots (user_id, is_premium, subscription_expires_at, version, changed_at)
SELECT u::uuid, true, now() + interval '1 day', 1, now()
FROM unnest(string_to_array('$(cat "$work/users.txt" "$work/warm/users.txt" | paste -sd,)', ',')) u ON CONFLICT DO NOTHING;
SQL
  if [ "$WARMUP_USERS" -gt 0 ]; then
    echo "$name: warm-up, $WARMUP_USERS generations of other users, until they ended ..."
    local w0; w0=$(sql -c "SELECT now()")
    "$java" "$here/Load.java" run "$work/warm" "http://127.0.0.1:$port" "$scene" "$SUBMIT_SECONDS" > "$work/warm/load-$webhooks.txt"
    for _ in $(seq 1 300); do
      [ "$(sql -c "SELECT count(*) FROM generation_jobs WHERE created_at >= '$w0' AND status IN ('queued', 'running')")" = 0 ] && break
      sleep 1
    done
  fi
  # RSS and live threads every 0.5 s while the run lasts
  ( while kill -0 "$pid" 2>/dev/null; do
      awk '/^VmRSS/ {r=$2} /^Threads/ {t=$2} END {print r, t}' "/proc/$pid/status"; sleep 0.5
    done ) > "$work/samples-$webhooks.txt" 2>/dev/null &
  local sampler=$!
  t0=$(sql -c "SELECT now()")
  echo "$name: $USERS generations over $SUBMIT_SECONDS s ..."
  "$java" "$here/Load.java" run "$work" "http://127.0.0.1:$port" "$scene" "$SUBMIT_SECONDS" | tee "$work/load-$webhooks.txt"
  local done_count=0 accepted
  accepted=$(wc -l < "$work/ids.txt")
  for _ in $(seq 1 300); do # every accepted generation ended, or 5 minutes
    done_count=$(sql -c "SELECT count(*) FROM generation_jobs WHERE created_at >= '$t0' AND status IN ('succeeded', 'failed', 'cancelled')")
    [ "$done_count" -ge "$accepted" ] && break
    sleep 1
  done
  kill "$sampler" 2>/dev/null || true
  local rate succeeded failed p99 rss threads
  rate=$(sql -c "SELECT round(0.8 * count(*) / nullif(extract(epoch FROM percentile_disc(0.9) WITHIN GROUP (ORDER BY finished_at) - percentile_disc(0.1) WITHIN GROUP (ORDER BY finished_at)), 0), 1) FROM generation_jobs WHERE created_at >= '$t0' AND status = 'succeeded'")
  succeeded=$(sql -c "SELECT count(*) FROM generation_jobs WHERE created_at >= '$t0' AND status = 'succeeded'")
  failed=$(sql -c "SELECT count(*) FROM generation_jobs WHERE created_at >= '$t0' AND status <> 'succeeded'")
  p99=$(awk -F= '/^p99_ms/ {print $2}' "$work/load-$webhooks.txt")
  rss=$(sort -n -k1 "$work/samples-$webhooks.txt" | tail -1 | awk '{printf "%.0f", $1/1024}')
  threads=$(sort -n -k2 "$work/samples-$webhooks.txt" | tail -1 | awk '{print $2}')
  rows+="| $name | $rate | $p99 ms | $rss MiB | $threads | $succeeded / $USERS (not succeeded: $failed) |"$'\n'
  kill "$pid"; wait "$pid" 2>/dev/null || true
  cp "$log" "$out/inflight-service-$webhooks.log" 2>/dev/null || true
}

rows=""
run "A. webhooks" true
run "B. polling only (webhooks off)" false
{
  echo "| $USERS generations over $SUBMIT_SECONDS s, fake fal $WORK_SECONDS s each, one instance | completions/s at steady state (target >= 90) | POST /v1/generations p99 (target < 50 ms) | peak RSS (target < 400 MiB) | peak live threads (target < 200) | succeeded |"
  echo "|---|---|---|---|---|---|"
  printf '%s' "$rows"
  echo
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; fake fal: $(tail -1 "$work/fal.log")"
} > "$out/inflight.md"
cat "$out/inflight.md"
