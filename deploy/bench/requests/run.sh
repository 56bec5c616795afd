#!/usr/bin/env bash
# Benchmarks 4 and 5 (issue 7): request overhead of POST /v1/generations through the gateway at
# ~50 requests/s (model time excluded: the call returns once the job is queued), and the footprint
# of each service: start time (from its log) and resident memory idle and after the load.
#
# Two runs, each after a warm-up (WARMUP, 60 s) that is not counted (the JIT compiles the request path):
#   A. generation workers off on the API instance (MONZIE_GENERATION_WORKER_ENABLED=false), as
#      when workers run on other pods: the request path alone;
#   B. the default local stack, where the CPU image model runs its jobs on the same 2 cores.
# One command; writes deploy/bench/out/requests.md. Needs wrk.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
here=deploy/bench/requests; out=deploy/bench/out; mkdir -p "$out"
DURATION=${DURATION:-30s}
# The JIT compiles the request path during the warm-up: on Java 25 the AOT cache brings classes
# and method profiles, not compiled code, so the first minute after a start runs partly
# interpreted (10 s of warm-up measured A at p99 55 ms, a minute 20 ms, same build).
WARMUP=${WARMUP:-60s}
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(cat .monzie/pids/$1.pid)/status"; }
started() { grep -oE "started in [0-9.]+s" ".monzie/logs/$1.log" | tail -1 | grep -oE "[0-9.]+"; }

# a premium user (RevenueCat purchase of the unlimited demo plan monzie_premium_monthly), so the daily limit does not cut the run short
premium_user() {
  local email signup user now
  email="bench-$(date +%s%N)@example.com"
  signup=$(curl -sf -X POST "$API_URL/v1/auth/signup" -H 'Content-Type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"bench pass 123\"}")
  token=$(sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<< "$signup")
  user=$(sed -E 's/.*"user":\{"id":"([^"]+)".*/\1/' <<< "$signup")
  now=$(date +%s%3N)
  curl -sf -X POST "$API_URL/v1/webhooks/revenuecat" -H "Authorization: Bearer $REVENUECAT_WEBHOOK_SECRET" \
    -H 'Content-Type: application/json' -d "{\"event\":{\"id\":\"bench-$now\",\"type\":\"INITIAL_PURCHASE\",\"app_user_id\":\"$user\",\"product_id\":\"monzie_premium_monthly\",\"expiration_at_ms\":$((now + 86400000)),\"event_timestamp_ms\":$now}}" >/dev/null
  scene=$(curl -sf "$API_URL/v1/scenes?category=portrait&premium=false&limit=1" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
  for _ in $(seq 1 60); do # the purchase reaches generation through profile.changed
    curl -s "$API_URL/v1/usage/today" -H "Authorization: Bearer $token" | grep -q '"is_premium":true' && return 0
    sleep 0.5
  done
  echo "the purchase did not reach generation-service" >&2; exit 1
}

# run NAME: warm-up, then the measured run; appends a table row
run() {
  local name="$1" rate p50 p99
  echo "$name: warm-up $WARMUP, then POST /v1/generations for $DURATION ..."
  wrk -t2 -c2 -d"$WARMUP" -s "$here/post-generation.lua" "$API_URL" -- "$token" "$scene" >/dev/null
  wrk -t2 -c2 -d"$DURATION" --latency -s "$here/post-generation.lua" "$API_URL" -- "$token" "$scene" \
    | tee "$out/requests-wrk-${name%%.*}.txt"
  rate=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$out/requests-wrk-${name%%.*}.txt")
  p50=$(awk '$1=="50%" {print $2}' "$out/requests-wrk-${name%%.*}.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/requests-wrk-${name%%.*}.txt")
  rows+="| $name | $rate req/s | $p50 | $p99 |"$'\n'
}

rows=""
deploy/monzie stop >/dev/null 2>&1 || true
MONZIE_GENERATION_WORKER_ENABLED=false deploy/monzie start >/dev/null
eval "$(deploy/monzie status --env | grep -E '^(API_URL|REVENUECAT_WEBHOOK_SECRET)=')"
premium_user
run "A. request path alone (workers off)"
deploy/monzie stop >/dev/null

deploy/monzie start >/dev/null
declare -A idle
for s in profile catalog generation analytics; do idle[$s]=$(rss "$s"); done
premium_user
run "B. local CPU model on the same cores"
{
  echo "| POST /v1/generations through the gateway, wrk 2 connections x 38 ms pacing, $DURATION after $WARMUP warm-up | rate | p50 | p99 (target < 25 ms) |"
  echo "|---|---|---|---|"
  printf '%s' "$rows"
  echo
  echo "| service | start time | RSS idle | RSS after run B |"
  echo "|---|---|---|---|"
  for s in profile catalog generation analytics; do
    echo "| $s | $(started "$s") s | ${idle[$s]} MiB | $(rss "$s") MiB |"
  done
} > "$out/requests.md"
cat "$out/requests.md"
deploy/monzie stop >/dev/null
