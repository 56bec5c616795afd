#!/usr/bin/env bash
# Issue 13 by hand, against a running `deploy/monzie start`: a user registers a device, generates,
# and the stack's push sink (`deploy/monzie push --json`) shows the "image ready" notification; a
# burst of generations leaves some queued with their place in line, and cancelling a queued one
# gives its unit back in GET /v1/usage. Needs curl and jq.
set -euo pipefail
cd "$(dirname "$0")/../.."
api="$(deploy/monzie status --env | sed -n 's/^API_URL=//p')"
email="queue-$RANDOM$RANDOM@example.com"; ip="198.51.100.$((RANDOM % 250))"
curl -sf "$api/v1/auth/signup" -H 'Content-Type: application/json' -H "X-Forwarded-For: $ip" \
  -d "{\"email\":\"$email\",\"password\":\"walk1ng-through\"}" >/dev/null
token=$(curl -sf "$api/v1/auth/token" -H 'Content-Type: application/json' -H "X-Forwarded-For: $ip" \
  -d "{\"grant_type\":\"password\",\"email\":\"$email\",\"password\":\"walk1ng-through\"}" | jq -r .access_token)
auth=(-H "Authorization: Bearer $token")
device="ExponentPushToken[walk-$RANDOM$RANDOM]"
echo "PUT /v1/devices/{token}: $(curl -s -o /dev/null -w '%{http_code}' -X PUT "$api/v1/devices/$(jq -rn --arg t "$device" '$t|@uri')" \
  "${auth[@]}" -H 'Content-Type: application/json' -d '{"platform":"ios","provider":"expo"}')"
scene=$(curl -sf "$api/v1/scenes?premium=false&limit=1" | jq -r '.items[0].id') # a free scene
generate() { curl -sf "$api/v1/generations" "${auth[@]}" -H 'Content-Type: application/json' -d "{\"scene_id\":\"$scene\"}" | jq -r .id; }
status() { curl -sf "$api/v1/generations/$1" "${auth[@]}"; }

first=$(generate)
for _ in $(seq 1 600); do s=$(status "$first" | jq -r .status); [ "$s" = succeeded ] || [ "$s" = failed ] && break; sleep 0.2; done
echo "first generation: $s"
for _ in $(seq 1 100); do
  pushed=$(deploy/monzie push --json | jq -c --arg t "$device" '[.[] | select(.token == $t)]')
  [ "$(jq length <<<"$pushed")" -gt 0 ] && break; sleep 0.2
done
echo "deploy/monzie push --json (this device): $(jq -c '.[0] | {token, title, body, data}' <<<"$pushed")"

ids=(); for _ in 1 2 3 4 5 6; do ids+=("$(generate)"); done
echo "usage after 7 generations: $(curl -sf "$api/v1/usage" "${auth[@]}" | jq -c .daily)"
echo "the burst, as GET /v1/generations lists it:"
curl -sf "$api/v1/generations?status=queued,running&limit=10" "${auth[@]}" | jq -r '.items[] | "  \(.id) \(.status) queue_position=\(.queue_position // "-") eta_seconds=\(.eta_seconds // "-")"'
last="${ids[5]}"
echo "cancel the last ($(status "$last" | jq -r '"\(.status), queue_position \(.queue_position // "-")"')): $(curl -s -w ' %{http_code}' -X POST "$api/v1/generations/$last/cancel" "${auth[@]}" | jq -rR '.')"
echo "usage after the cancel: $(curl -sf "$api/v1/usage" "${auth[@]}" | jq -c .daily)"
echo "cancel it again: $(curl -s -o /dev/null -w '%{http_code}' -X POST "$api/v1/generations/$last/cancel" "${auth[@]}") (409: already finished)"
