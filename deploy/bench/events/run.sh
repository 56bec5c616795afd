#!/usr/bin/env bash
# Benchmarks 1 and 3 (issue 7): the seed's trigger design vs ours, and the event lag of ours.
#  1. 32 pgbench clients insert images, 80% on the 5 most popular scenes:
#     seed = generated_images with its three AFTER INSERT triggers (scene usage, profile count,
#     daily usage); ours = image row + outbox row in ONE transaction, counters applied by the real
#     catalog-service consumer in batches (outbox relay -> Kafka -> consumer).
#  3. while "ours" runs, a probe inserts one image every 200 ms for a probe scene and times how long
#     until the scene's usage_count shows it (commit -> relay -> Kafka -> consumer -> UPDATE).
# Then both designs' counters are checked against the rows actually stored.
# One command; writes deploy/bench/out/events.md. Needs pgbench + psql (postgresql-client).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
here=deploy/bench/events; out=deploy/bench/out; mkdir -p "$out"
CLIENTS=${CLIENTS:-32}; DURATION=${DURATION:-30}
started=0
if ! deploy/monzie status | grep -q "^catalog .* ready"; then deploy/monzie start >/dev/null; started=1; fi
eval "$(deploy/monzie status --env | grep -E '^(DATABASE_URL|KAFKA_BOOTSTRAP_SERVERS)=')"
pg_port="${DATABASE_URL##*:}"
export PGPASSWORD=postgres
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

echo "preparing databases ..."
for db in bench_seed bench_ours; do
  sql -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
done
sql -d bench_seed -f "$here/seed-schema.sql" >/dev/null

# a catalog-service of its own on bench_ours, reading a topic of its own
topic="bench.image.generated.$(date +%s)"
port=18082
QUARKUS_HTTP_PORT=$port QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$pg_port/bench_ours" \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/bench_ours" KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
MP_JWT_VERIFY_PUBLICKEY_LOCATION="file://$root/.monzie/keys/jwks.json" QUARKUS_LOG_CONSOLE_JSON=false \
MP_MESSAGING_INCOMING_IMAGE_GENERATED_TOPIC="$topic" MP_MESSAGING_INCOMING_IMAGE_GENERATED_GROUP_ID="bench-$topic" \
  java -Xmx384m -XX:+UseSerialGC -jar catalog-service/target/quarkus-app/quarkus-run.jar > "$out/bench-catalog.log" 2>&1 &
catalog_pid=$!
trap 'kill $catalog_pid 2>/dev/null || true; wait $catalog_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 0.5; done
sql -d bench_ours -f "$here/ours-schema.sql" >/dev/null

run_pgbench() { # db script -> tps
  pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$CLIENTS" -j 2 -T "$DURATION" \
    -D topic="$topic" -f "$2" "$1" > "$out/pgbench-$1.txt" 2>&1
  awk '/^tps/ {print $3; exit}' "$out/pgbench-$1.txt"
}

echo "seed design: $CLIENTS clients x ${DURATION}s ..."
seed_tps=$(run_pgbench bench_seed "$here/insert-seed.sql")

echo "our design: $CLIENTS clients x ${DURATION}s, with the lag probe ..."
: > "$out/lag-ms.txt"
( sleep 2
  expected=0; end=$(( $(date +%s) + DURATION - 4 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    t0=$(date +%s%N)
    sql -d bench_ours -c "WITH img AS (INSERT INTO generated_images (user_id, scene_id, image_url, prompt)
      SELECT gen_random_uuid(), id, 'https://img/probe-' || gen_random_uuid(), 'probe' FROM scenes WHERE n = 0
      RETURNING id, user_id, scene_id, created_at)
      INSERT INTO outbox (event_id, topic, event_key, payload) SELECT gen_random_uuid(), '$topic', user_id::text,
      jsonb_build_object('image_id', id, 'user_id', user_id, 'scene_id', scene_id, 'created_at', created_at) FROM img" >/dev/null
    expected=$((expected + 1)); deadline=$(( $(date +%s) + 15 ))
    until [ "$(sql -d bench_ours -c "SELECT usage_count FROM scenes WHERE n = 0")" -ge "$expected" ]; do
      [ "$(date +%s)" -lt "$deadline" ] || { echo "probe lost" >&2; break; }
    done
    echo $(( ($(date +%s%N) - t0) / 1000000 )) >> "$out/lag-ms.txt"
    sleep 0.2
  done ) &
probe=$!
ours_tps=$(run_pgbench bench_ours "$here/insert-ours.sql")
wait $probe

echo "waiting for our counters to converge ..."
converged=no
for _ in $(seq 1 120); do
  stored=$(sql -d bench_ours -c "SELECT count(*) FROM generated_images")
  counted=$(sql -d bench_ours -c "SELECT coalesce(sum(usage_count), 0) FROM scenes WHERE category = 'bench'")
  [ "$stored" = "$counted" ] && { converged=yes; break; }
  sleep 0.5
done
ours_mismatch=$(sql -d bench_ours -c "SELECT count(*) FROM scenes s LEFT JOIN (SELECT scene_id, count(*) c FROM generated_images GROUP BY 1) g ON g.scene_id = s.id WHERE s.category = 'bench' AND s.usage_count <> coalesce(g.c, 0)")
seed_stored=$(sql -d bench_seed -c "SELECT count(*) FROM generated_images")
seed_mismatch=$(sql -d bench_seed -c "SELECT (SELECT count(*) FROM scenes s LEFT JOIN (SELECT scene_id, count(*) c FROM generated_images GROUP BY 1) g ON g.scene_id = s.id WHERE s.usage_count <> coalesce(g.c, 0)) + (SELECT count(*) FROM profiles p LEFT JOIN (SELECT user_id, count(*) c FROM generated_images GROUP BY 1) g ON g.user_id = p.id WHERE p.generation_count <> coalesce(g.c, 0))")
lag=$(sort -n "$out/lag-ms.txt" | awk '{a[NR]=$1} END {if (NR==0) {print "n/a n/a 0"; exit}; p50=a[int(NR*0.5)+(NR*0.5>int(NR*0.5))]; i=int(NR*0.99); if (i<NR*0.99) i++; if (i<1) i=1; print p50, a[i], NR}')
read -r lag50 lag99 lagn <<< "$lag"
ratio=$(awk -v a="$ours_tps" -v b="$seed_tps" 'BEGIN {printf "%.2f", a/b}')
cat > "$out/events.md" <<MD
| design ($CLIENTS clients, ${DURATION} s, 80% of images on 5 scenes) | images stored/s | counters equal stored rows |
|---|---|---|
| seed: 3 AFTER INSERT triggers | $(printf '%.0f' "$seed_tps") | $([ "$seed_mismatch" = 0 ] && echo "yes ($seed_stored images)" || echo "NO: $seed_mismatch rows differ") |
| ours: image + outbox in one transaction, consumer batches | $(printf '%.0f' "$ours_tps") | $([ "$converged" = yes ] && [ "$ours_mismatch" = 0 ] && echo "yes ($stored images, converged)" || echo "NO: $ours_mismatch scenes differ") |
| **ratio ours / seed** (target >= 3) | **$ratio** | |

| event lag (commit -> scenes.usage_count), $lagn probes during the run | p50 | p99 (target < 1000 ms) |
|---|---|---|
| outbox relay -> Kafka -> catalog consumer | ${lag50} ms | ${lag99} ms |
MD
cat "$out/events.md"
if [ "$started" = 1 ]; then deploy/monzie stop >/dev/null; fi
