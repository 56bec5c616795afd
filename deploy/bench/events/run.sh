#!/usr/bin/env bash
# Benchmarks 1 and 3 (issue 7): the seed's trigger design vs ours, and the event lag of ours.
#  1. 32 pgbench clients insert images, 80% on the 5 most popular scenes:
#     seed = generated_images with its three AFTER INSERT triggers (scene usage, profile count,
#     daily usage); ours = image row + outbox row in ONE transaction, counters applied by the real
#     catalog-service consumer in batches (outbox relay -> Kafka -> consumer).
#  3. while "ours" runs, the lag of every image: its event's id is the image's id, so the consumer's
#     processed_events.processed_at minus generated_images.created_at is commit -> relay -> Kafka ->
#     consumer transaction (the one that updates usage_count), measured for all of them.
# Then both designs' counters are checked against the rows actually stored.
# One command; writes deploy/bench/out/events.md. Needs pgbench + psql (postgresql-client).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
here=deploy/bench/events; out=deploy/bench/out; mkdir -p "$out"
CLIENTS=${CLIENTS:-32}; DURATION=${DURATION:-30}; RATE=${RATE:-1000}
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

run_pgbench() { # db script [pgbench options] -> tps
  local db="$1" script="$2"; shift 2
  pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$CLIENTS" -j 2 -T "$DURATION" \
    -D topic="$topic" -f "$script" "$@" "$db" > "$out/pgbench-$db.txt" 2>&1
  awk '/^tps/ {print $3; exit}' "$out/pgbench-$db.txt"
}

converge() { # waits until every stored image is counted; sets converged, stored
  converged=no
  for _ in $(seq 1 120); do
    stored=$(sql -d bench_ours -c "SELECT count(*) FROM generated_images")
    counted=$(sql -d bench_ours -c "SELECT coalesce(sum(usage_count), 0) FROM scenes WHERE category = 'bench'")
    [ "$stored" = "$counted" ] && { converged=yes; return; }
    sleep 0.5
  done
}

# each event's id is its image's id: lag = the consumer transaction that applied it (processed_at)
# minus the image transaction (created_at), for every image created after $1
lag_stats() {
  sql -d bench_ours -F ' ' -c "SELECT count(*),
    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)),
    round(max(ms)) FROM (SELECT EXTRACT(EPOCH FROM p.processed_at - g.created_at) * 1000 AS ms
    FROM generated_images g JOIN processed_events p ON p.event_id = g.id::text WHERE g.created_at > '$1') l"
}

# both designs get the same 10 s warm-up, not counted: a fresh database, and for ours the topic's
# creation and the JIT of the relay and the consumer (a service in production runs warm)
echo "warm-up: 10 s of each design ..."
DURATION=10 run_pgbench bench_seed "$here/insert-seed.sql" >/dev/null
DURATION=10 run_pgbench bench_ours "$here/insert-ours.sql" >/dev/null
converge
warm=$(sql -d bench_ours -c "SELECT now()")

echo "seed design: $CLIENTS clients x ${DURATION}s ..."
seed_tps=$(run_pgbench bench_seed "$here/insert-seed.sql")

echo "our design: $CLIENTS clients x ${DURATION}s ..."
ours_tps=$(run_pgbench bench_ours "$here/insert-ours.sql")

echo "waiting for our counters to converge ..."
converge
read -r lagn lag50 lag99 lagmax <<< "$(lag_stats "$warm")"
converged_first=$converged

echo "our design at a fixed $RATE images/s (below saturation), for the lag alone ..."
boundary=$(sql -d bench_ours -c "SELECT now()")
rated_tps=$(run_pgbench bench_ours "$here/insert-ours.sql" --rate="$RATE")
converge
read -r rlagn rlag50 rlag99 rlagmax <<< "$(lag_stats "$boundary")"
[ "$converged_first" = yes ] || converged=no
# the counters cover both runs: one comparison with every stored image, per scene
ours_mismatch=$(sql -d bench_ours -c "SELECT count(*) FROM scenes s LEFT JOIN (SELECT scene_id, count(*) c FROM generated_images GROUP BY 1) g ON g.scene_id = s.id WHERE s.category = 'bench' AND s.usage_count <> coalesce(g.c, 0)")

seed_stored=$(sql -d bench_seed -c "SELECT count(*) FROM generated_images")
seed_mismatch=$(sql -d bench_seed -c "SELECT (SELECT count(*) FROM scenes s LEFT JOIN (SELECT scene_id, count(*) c FROM generated_images GROUP BY 1) g ON g.scene_id = s.id WHERE s.usage_count <> coalesce(g.c, 0)) + (SELECT count(*) FROM profiles p LEFT JOIN (SELECT user_id, count(*) c FROM generated_images GROUP BY 1) g ON g.user_id = p.id WHERE p.generation_count <> coalesce(g.c, 0))")
ratio=$(awk -v a="$ours_tps" -v b="$seed_tps" 'BEGIN {printf "%.2f", a/b}')
cat > "$out/events.md" <<MD
| design ($CLIENTS clients, ${DURATION} s, 80% of images on 5 scenes) | images stored/s | counters equal stored rows |
|---|---|---|
| seed: 3 AFTER INSERT triggers | $(printf '%.0f' "$seed_tps") | $([ "$seed_mismatch" = 0 ] && echo "yes ($seed_stored images)" || echo "NO: $seed_mismatch rows differ") |
| ours: image + outbox in one transaction, consumer batches | $(printf '%.0f' "$ours_tps") | $([ "$converged" = yes ] && [ "$ours_mismatch" = 0 ] && echo "yes (all $stored images of both runs, converged)" || echo "NO: $ours_mismatch scenes differ") |
| **ratio ours / seed** (target >= 3) | **$ratio** | |

| event lag (image transaction -> the consumer transaction that counts it), all $lagn images of the run | p50 | p99 (target < 1000 ms) | max |
|---|---|---|---|
| during (1): $CLIENTS clients flat out, the 2 cores saturated | ${lag50} ms | ${lag99} ms | ${lagmax} ms |
| at a fixed $(printf '%.0f' "$rated_tps") images/s ($rlagn images, ${DURATION} s) | ${rlag50} ms | ${rlag99} ms | ${rlagmax} ms |
MD
cat "$out/events.md"
if [ "$started" = 1 ]; then deploy/monzie stop >/dev/null; fi
