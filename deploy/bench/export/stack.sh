#!/usr/bin/env bash
# Issue 14's figure through the running product: a user with 500 images of 1 MiB each (random
# bytes, nothing compresses) exports their data through `deploy/monzie start`'s gateway. The
# image rows and files are put in place directly (500 renders of the CPU model would take the
# better part of an hour); everything after that is the product's own path: user.export-requested,
# four parts written (generation streams the 500 files into its part), profile assembles and
# streams the ZIP, the download. Prints the time to `ready`, the ZIP, and the RSS of profile and
# generation sampled every 100 ms during the export (before -> peak). Needs curl, jq, psql, unzip.
set -euo pipefail
cd "$(dirname "$0")/../../.."
N=${IMAGES:-500}; SIZE=${IMAGE_BYTES:-1048576}
eval "$(deploy/monzie status --env | grep -E '^(API_URL|DATABASE_URL)=')"
pg_port="${DATABASE_URL##*:}"; pg_port="${pg_port%%/*}"
sql() { PGPASSWORD=postgres psql -h 127.0.0.1 -p "$pg_port" -U postgres -d generation -v ON_ERROR_STOP=1 -qtA "$@"; }
email="export-bench-$RANDOM$RANDOM@example.com"
token=$(curl -sf "$API_URL/v1/auth/signup" -H 'Content-Type: application/json' -H "X-Forwarded-For: 198.51.100.$((RANDOM % 250))" \
  -d "{\"email\":\"$email\",\"password\":\"bench-export-1\"}" | jq -r .access_token)
user=$(curl -sf "$API_URL/v1/profiles/me" -H "Authorization: Bearer $token" | jq -r .id)
root=.monzie/files; dir="$root/users/$user/images"; mkdir -p "$dir"
echo "putting $N images of $SIZE bytes in place for $email ..."
rows=$(mktemp)
for i in $(seq 1 "$N"); do
  id=$(cat /proc/sys/kernel/random/uuid); gen=$(cat /proc/sys/kernel/random/uuid)
  head -c "$SIZE" /dev/urandom > "$dir/$id.png"
  printf '%s\t%s\t%s\t%s\n' "$id" "$user" "$gen" "users/$user/images/$id.png" >> "$rows"
done
sql -f - >/dev/null <<SQL
CREATE TEMP TABLE bench_rows (id uuid, user_id uuid, generation_id uuid, image_key text);
\\copy bench_rows FROM '$rows'
INSERT INTO generated_images (id, user_id, generation_id, scene_id, scene_name, image_key, prompt,
  generation_time, model, width, height)
SELECT id, user_id, generation_id, '00000000-0000-0000-0000-000000000000', 'Bench scene', image_key,
  'a bench image', 1.0, 'local', 1024, 1024 FROM bench_rows;
SQL
rm -f "$rows"
echo "images listed by the API: $(curl -sf "$API_URL/v1/images?limit=1" -H "Authorization: Bearer $token" | jq '.items | length') (first page of 1)"

pid() { cat ".monzie/pids/$1.pid"; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
p_pid=$(pid profile); g_pid=$(pid generation)
p_before=$(rss "$p_pid"); g_before=$(rss "$g_pid"); p_peak=$p_before; g_peak=$g_before
began=$(date +%s%N)
export_id=$(curl -sf -X POST "$API_URL/v1/profiles/me/export" -H "Authorization: Bearer $token" | jq -r .id)
status=pending
while [ "$status" = pending ]; do
  p=$(rss "$p_pid"); g=$(rss "$g_pid")
  [ "$p" -gt "$p_peak" ] && p_peak=$p; [ "$g" -gt "$g_peak" ] && g_peak=$g
  st=$(curl -sf "$API_URL/v1/profiles/me/export/$export_id" -H "Authorization: Bearer $token")
  status=$(jq -r .status <<<"$st")
  [ $(( ($(date +%s%N) - began) / 1000000000 )) -gt 900 ] && { echo "not ready after 900 s" >&2; exit 1; }
  sleep 0.1
done
ms=$(( ($(date +%s%N) - began) / 1000000 ))
zip=$(mktemp --suffix .zip)
d0=$(date +%s%N); curl -sf -o "$zip" "$(jq -r .download_url <<<"$st")"; dms=$(( ($(date +%s%N) - d0) / 1000000 ))
entries=$(unzip -Z1 "$zip" | grep -c '^images/.*\.png$' || true)
bytes=$(stat -c %s "$zip"); rm -f "$zip"
cat <<OUT
| export of a user with $N images of $((SIZE / 1024)) KiB, through deploy/monzie start | value |
|---|---|
| status | $status$( [ "$status" = failed ] && echo " ($(jq -r .failure <<<"$st"))") |
| request -> ready (four parts + streamed ZIP) | $ms ms |
| download through the gateway | $((bytes / 1048576)) MiB in $dms ms, $entries image files |
| profile RSS before -> peak during | $p_before -> $p_peak MiB |
| generation RSS before -> peak during | $g_before -> $g_peak MiB |
OUT
