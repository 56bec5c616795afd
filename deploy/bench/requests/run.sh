#!/usr/bin/env bash
# Benchmarks 4 and 5 (issue 7): request overhead of POST /v1/generations at ~50 requests/s
# (model time excluded: the call returns once the job is queued), and the footprint of each
# service: start time (from its log) and resident memory idle and after the load.
# One command; writes deploy/bench/out/requests.md. Needs wrk.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
here=deploy/bench/requests; out=deploy/bench/out; mkdir -p "$out"
DURATION=${DURATION:-30s}
deploy/monzie stop >/dev/null 2>&1 || true
deploy/monzie start >/dev/null
eval "$(deploy/monzie status --env | grep -E '^(API_URL|REVENUECAT_WEBHOOK_SECRET)=')"
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(cat .monzie/pids/$1.pid)/status"; }
started() { grep -oE "started in [0-9.]+s" ".monzie/logs/$1.log" | tail -1 | grep -oE "[0-9.]+"; }
declare -A idle
for s in profile catalog generation analytics; do idle[$s]=$(rss "$s"); done

# a premium user (RevenueCat purchase), so the daily limit does not cut the run short
email="bench-$(date +%s)@example.com"
signup=$(curl -sf -X POST "$API_URL/v1/auth/signup" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"bench pass 123\"}")
token=$(sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<< "$signup")
user=$(sed -E 's/.*"user":\{"id":"([^"]+)".*/\1/' <<< "$signup")
now=$(date +%s%3N)
curl -sf -X POST "$API_URL/v1/webhooks/revenuecat" -H "Authorization: Bearer $REVENUECAT_WEBHOOK_SECRET" \
  -H 'Content-Type: application/json' -d "{\"event\":{\"id\":\"bench-$now\",\"type\":\"INITIAL_PURCHASE\",\"app_user_id\":\"$user\",\"expiration_at_ms\":$((now + 86400000)),\"event_timestamp_ms\":$now}}" >/dev/null
scene=$(curl -sf "$API_URL/v1/scenes?category=portrait&premium=false&limit=1" | sed -E 's/.*"items":\[\{"id":"([^"]+)".*/\1/')
for _ in $(seq 1 60); do
  [ "$(curl -s "$API_URL/v1/usage/today" -H "Authorization: Bearer $token" | grep -o '"is_premium":true')" ] && break; sleep 0.5
done

echo "POST /v1/generations, 2 connections, 40 ms between requests, $DURATION ..."
wrk -t2 -c2 -d"$DURATION" --latency -s "$here/post-generation.lua" "$API_URL" -- "$token" "$scene" | tee "$out/requests-wrk.txt"
rate=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$out/requests-wrk.txt")
p50=$(awk '$1=="50%" {print $2}' "$out/requests-wrk.txt"); p99=$(awk '$1=="99%" {print $2}' "$out/requests-wrk.txt")
{
  echo "| POST /v1/generations through the gateway (model time excluded) | rate | p50 | p99 (target < 25 ms) |"
  echo "|---|---|---|---|"
  echo "| wrk, 2 connections, 40 ms pacing, $DURATION | $rate req/s | $p50 | $p99 |"
  echo
  echo "| service | start time | RSS idle | RSS after the runs |"
  echo "|---|---|---|---|"
  for s in profile catalog generation analytics; do
    echo "| $s | $(started "$s") s | ${idle[$s]} MiB | $(rss "$s") MiB |"
  done
} > "$out/requests.md"
cat "$out/requests.md"
deploy/monzie stop >/dev/null
