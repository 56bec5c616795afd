#!/usr/bin/env bash
# Issue 14 by hand, against a running `deploy/monzie start`: a user generates an image and shares
# it; the link works logged out (JSON, the public image with its immutable cache header, and the
# Open Graph page); the owner revokes it and it 404s; the user uploads a photo and enhances it.
# Needs curl, jq and python3 (to draw the photo).
set -euo pipefail
cd "$(dirname "$0")/../.."
api="$(deploy/monzie status --env | sed -n 's/^API_URL=//p')"
email="share-$RANDOM$RANDOM@example.com"; ip="198.51.100.$((RANDOM % 250))"
curl -sf "$api/v1/auth/signup" -H 'Content-Type: application/json' -H "X-Forwarded-For: $ip" \
  -d "{\"email\":\"$email\",\"password\":\"walk1ng-through\"}" >/dev/null
token=$(curl -sf "$api/v1/auth/token" -H 'Content-Type: application/json' -H "X-Forwarded-For: $ip" \
  -d "{\"grant_type\":\"password\",\"email\":\"$email\",\"password\":\"walk1ng-through\"}" | jq -r .access_token)
auth=(-H "Authorization: Bearer $token")
finished() { # generation id -> its final JSON
  for _ in $(seq 1 600); do
    g=$(curl -sf "$api/v1/generations/$1" "${auth[@]}")
    case "$(jq -r .status <<<"$g")" in succeeded|failed|cancelled) echo "$g"; return;; esac; sleep 0.2
  done; echo "generation $1 never finished" >&2; return 1
}
scene=$(curl -sf "$api/v1/scenes?premium=false&limit=1" | jq -r '.items[0].id') # a free scene
gen=$(curl -sf "$api/v1/generations" "${auth[@]}" -H 'Content-Type: application/json' -d "{\"scene_id\":\"$scene\"}" | jq -r .id)
image=$(finished "$gen" | jq -r .image.id)
echo "image $image: $(curl -sf "$api/v1/images/$image" "${auth[@]}" | jq -c '{width, height, blurhash}')"

share=$(curl -s -w '\n%{http_code}' -X POST "$api/v1/images/$image/share" "${auth[@]}")
echo "POST /v1/images/{id}/share: $(tail -1 <<<"$share") $(head -1 <<<"$share" | jq -c .)"
stoken=$(head -1 <<<"$share" | jq -r .token)
echo "again, the same token: $(curl -sf -X POST "$api/v1/images/$image/share" "${auth[@]}" | jq -r --arg t "$stoken" '.token == $t')"
view=$(curl -sf "$api/v1/shared/$stoken")
echo "GET /v1/shared/{token}, logged out: $(jq -c . <<<"$view")"
img_url=$(jq -r .image_url <<<"$view")
echo "the image, logged out: $(curl -s -o /tmp/shared.png -D - "$img_url" | grep -iE '^(HTTP|cache-control|content-type)' | tr -d '\r' | paste -sd' ')"
echo "as a link preview (Accept: text/html): $(curl -s -H 'Accept: text/html' "$api/v1/shared/$stoken" | grep -o '<meta property="og:[a-z:]*"' | sort -u | paste -sd' ')"
echo "DELETE /v1/images/{id}/share: $(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$api/v1/images/$image/share" "${auth[@]}")"
for _ in $(seq 1 100); do c=$(curl -s -o /dev/null -w '%{http_code}' "$api/v1/shared/$stoken"); [ "$c" = 404 ] && break; sleep 0.2; done
echo "after the revoke: GET /v1/shared/{token} $c, the image URL $(curl -s -o /dev/null -w '%{http_code}' "$img_url")"

python3 - <<'PY'
import struct, zlib
w, h = 64, 48
rows = b"".join(b"\0" + b"".join(bytes((x * 4 % 256, y * 5 % 256, 128)) for x in range(w)) for y in range(h))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open("/tmp/walk-photo.png", "wb").write(png)
PY
upload=$(curl -sf "$api/v1/uploads" "${auth[@]}" -F "file=@/tmp/walk-photo.png;type=image/png" -F purpose=photo)
echo "POST /v1/uploads: $(jq -c '{id, purpose, width, height}' <<<"$upload")"
echo "GET /v1/uploads: $(curl -sf "$api/v1/uploads?limit=5" "${auth[@]}" | jq -c '[.items[].id]')"
enh=$(curl -s -w '\n%{http_code}' -X POST "$api/v1/uploads/$(jq -r .id <<<"$upload")/enhance" "${auth[@]}" -H "Idempotency-Key: walk-$RANDOM$RANDOM")
echo "POST /v1/uploads/{id}/enhance: $(tail -1 <<<"$enh")"
echo "the enhanced photo: $(finished "$(head -1 <<<"$enh" | jq -r .id)" | jq -c '{status, image: (.image | {scene_name, width, height})}')"
