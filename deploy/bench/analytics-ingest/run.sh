#!/usr/bin/env bash
# Issue 5 benchmark: 1,000,000 events through POST /v1/events (2,000 batches of 500, wrk, 8
# connections) vs a COPY of 1,000,000 rows of the same shape into the same table (the physical
# limit). One command; writes deploy/bench/out/analytics-ingest.md. Needs wrk and psql.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
here=deploy/bench/analytics-ingest; out=deploy/bench/out; mkdir -p "$out"
BATCHES=${BATCHES:-2000}; CONNECTIONS=${CONNECTIONS:-8}
started=0
if ! deploy/monzie status | grep -q "^analytics .* ready"; then deploy/monzie start >/dev/null; started=1; fi
eval "$(deploy/monzie status --env | grep -E '^(ANALYTICS_URL|DATABASE_URL)=')"
pg_port="${DATABASE_URL##*:}"; export PGPASSWORD=postgres
sql() { psql -h 127.0.0.1 -p "$pg_port" -U postgres -d analytics -v ON_ERROR_STOP=1 -qtA "$@"; }
before=$(sql -c "SELECT count(*) FROM analytics_events WHERE event_name = 'scene_viewed'")

echo "HTTP: $BATCHES batches of 500 through $ANALYTICS_URL/v1/events, $CONNECTIONS connections ..."
# wrk has no "stop after N requests": each thread stops at its share (post-batch.lua), and the script
# waits until all the batches are stored, notes the time, then ends wrk with SIGINT (it prints its
# latency figures then) instead of letting it sleep out its -d.
expected=$((before + BATCHES / 2 * 2 * 500))
t0=$(date +%s%N)
wrk -t2 -c"$CONNECTIONS" -d600s --latency -s "$here/post-batch.lua" "$ANALYTICS_URL" -- "$BATCHES" 2 \
  > "$out/analytics-wrk.txt" &
wrk_pid=$!
deadline=$(( $(date +%s) + 600 ))
until [ "$(sql -c "SELECT count(*) FROM analytics_events WHERE event_name = 'scene_viewed'")" -ge "$expected" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "the batches were not all stored within 600 s" >&2; break; }
  sleep 0.1 # poll interval of the condition above
done
http_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
kill -INT "$wrk_pid" 2>/dev/null || true
wait "$wrk_pid" || true
cat "$out/analytics-wrk.txt"
after=$(sql -c "SELECT count(*) FROM analytics_events WHERE event_name = 'scene_viewed'")
stored=$((after - before)) # a few more than asked: the requests in flight when a thread's share ended
n=$((expected - before))
http_rate=$(awk -v n="$n" -v ms="$http_ms" 'BEGIN {printf "%.0f", n/(ms/1000)}')
p99=$(awk '$1=="99%" {print $2}' "$out/analytics-wrk.txt")
p50=$(awk '$1=="50%" {print $2}' "$out/analytics-wrk.txt")

echo "COPY: the same number of rows of the same shape into the same table ..."
sql -c "\copy (SELECT NULL, 'copy_bench', json_build_object('scene','portrait','position',g)::text, 'ios', '2.3.1', '{\"model\":\"iPhone15,2\"}', 's-' || g, 'app', now() FROM generate_series(1, $n) g) TO '$out/copy-rows.csv' WITH (FORMAT csv)"
start=$(date +%s%N)
sql -c "\copy analytics_events (user_id, event_name, event_properties, platform, app_version, device_info, session_id, source, created_at) FROM '$out/copy-rows.csv' WITH (FORMAT csv)"
copy_ms=$(( ($(date +%s%N) - start) / 1000000 ))
copy_rate=$(awk -v n="$n" -v ms="$copy_ms" 'BEGIN {printf "%.0f", n/(ms/1000)}')
ratio=$(awk -v a="$http_rate" -v b="$copy_rate" 'BEGIN {printf "%.2f", a/b}')
sql -c "DELETE FROM analytics_events WHERE event_name = 'copy_bench'" >/dev/null
rm -f "$out/copy-rows.csv"
cat > "$out/analytics-ingest.md" <<MD
| path | events | events/s | latency per batch of 500 |
|---|---|---|---|
| HTTP: POST /v1/events (wrk, $CONNECTIONS connections), until $n are stored | $n ($stored in the end) | $http_rate | p50 $p50, p99 $p99 |
| COPY into analytics_events (psql \\copy, one stream) | $n | $copy_rate | — |
| **ratio HTTP / COPY** | | **$ratio** | |
MD
cat "$out/analytics-ingest.md"
if [ "$started" = 1 ]; then deploy/monzie stop >/dev/null; fi
