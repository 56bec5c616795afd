#!/usr/bin/env bash
# Issue 14's "download my data" by hand, against a running `deploy/monzie start`: a user generates
# two images, favourites one, sends app events, requests an export, waits until the four services'
# parts are in and profile has assembled the ZIP, downloads it through the gateway and compares its
# contents with what the API says; a second request while one is pending is 409, another user's
# export id is 404. Needs curl, jq and unzip.
set -euo pipefail
cd "$(dirname "$0")/../.."
api="$(deploy/monzie status --env | sed -n 's/^API_URL=//p')"
account() { # -> access token of a new account
  local email="export-$RANDOM$RANDOM@example.com" ip="198.51.100.$((RANDOM % 250))"
  curl -sf "$api/v1/auth/signup" -H 'Content-Type: application/json' -H "X-Forwarded-For: $ip" \
    -d "{\"email\":\"$email\",\"password\":\"walk1ng-through\"}" | jq -r .access_token
}
token=$(account); auth=(-H "Authorization: Bearer $token")
email=$(curl -sf "$api/v1/profiles/me" "${auth[@]}" | jq -r .email)
scene=$(curl -sf "$api/v1/scenes?premium=false&limit=1" | jq -r '.items[0].id')
ids=(); for _ in 1 2; do
  ids+=("$(curl -sf "$api/v1/generations" "${auth[@]}" -H 'Content-Type: application/json' -d "{\"scene_id\":\"$scene\"}" | jq -r .id)")
done
for id in "${ids[@]}"; do
  for _ in $(seq 1 600); do [ "$(curl -sf "$api/v1/generations/$id" "${auth[@]}" | jq -r .status)" = succeeded ] && break; sleep 0.2; done
done
images=$(curl -sf "$api/v1/images?limit=10" "${auth[@]}")
first=$(jq -r '.items[0].id' <<<"$images")
curl -sf -X PATCH "$api/v1/images/$first" "${auth[@]}" -H 'Content-Type: application/json' -d '{"is_favorite":true}' >/dev/null
curl -sf "$api/v1/events" "${auth[@]}" -H 'Content-Type: application/json' \
  -d '{"events":[{"event_name":"walkthrough_opened","event_properties":{"screen":"export"},"platform":"ios"}]}' >/dev/null
echo "the user: $email, $(jq '.items | length' <<<"$images") images"

req=$(curl -s -w '\n%{http_code}' -X POST "$api/v1/profiles/me/export" "${auth[@]}")
echo "POST /v1/profiles/me/export: $(tail -1 <<<"$req") $(head -1 <<<"$req" | jq -c .)"
export_id=$(head -1 <<<"$req" | jq -r .id)
echo "again while pending: $(curl -s -o /dev/null -w '%{http_code}' -X POST "$api/v1/profiles/me/export" "${auth[@]}")"
other=$(account)
echo "another user's GET of it: $(curl -s -o /dev/null -w '%{http_code}' "$api/v1/profiles/me/export/$export_id" -H "Authorization: Bearer $other")"
began=$(date +%s%N)
for _ in $(seq 1 600); do
  st=$(curl -sf "$api/v1/profiles/me/export/$export_id" "${auth[@]}"); s=$(jq -r .status <<<"$st")
  [ "$s" = pending ] || break; sleep 0.2
done
echo "status after $(( ($(date +%s%N) - began) / 1000000 )) ms: $(jq -c '{status, ready_at, expires_at, failure}' <<<"$st")"
url=$(jq -r .download_url <<<"$st")
rm -rf /tmp/walk-export && mkdir -p /tmp/walk-export
curl -sf -o /tmp/walk-export/export.zip -D /tmp/walk-export/headers "$url"
echo "download: $(grep -iE '^(HTTP|content-type)' /tmp/walk-export/headers | tr -d '\r' | paste -sd' '), $(stat -c %s /tmp/walk-export/export.zip) bytes"
echo "the archive:"; unzip -Z1 /tmp/walk-export/export.zip | sed 's/^/  /'
cd /tmp/walk-export && unzip -q export.zip
echo "profile.json email matches: $(jq -r --arg e "$email" '(.email // .profile.email) == $e' profile.json)"
echo "images.json: $(jq 'if type == "array" then length else (.items // .images) | length end' images.json) images, files: $(ls images | wc -l)"
echo "favorites.json: $(jq -c '.' favorites.json | head -c 200)"
echo "events.json has the app event: $(grep -c walkthrough_opened events.json)"
echo "a tampered link: $(curl -s -o /dev/null -w '%{http_code}' "${url%?*}?$(sed 's/sig=[^&]*/sig=AAAA/' <<<"${url#*\?}")")"
