#!/usr/bin/env bash
# Benchmark 2 (issue 7): catalog reads through the service vs pgbench running the same SQL at the
# same concurrency against the same PostgreSQL. One command; writes deploy/bench/out/catalog-reads.md.
# Needs: wrk and pgbench (apt-get install wrk postgresql-client).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
CONNECTIONS=${CONNECTIONS:-64}; DURATION=${DURATION:-20s}; CATEGORY=${CATEGORY:-portrait}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench missing: apt-get install -y postgresql-client"; exit 1; }
started=0
if ! deploy/monzie status | grep -q "^catalog .* ready"; then deploy/monzie start >/dev/null; started=1; fi
eval "$(deploy/monzie status --env | grep -E '^(CATALOG_URL|DATABASE_URL)=')"
pg_port="${DATABASE_URL##*:}"
out=deploy/bench/out; mkdir -p "$out"
url="$CATALOG_URL/v1/scenes?category=$CATEGORY&limit=20"
curl -sf "$url" >/dev/null

# the statement SceneRepository.page() runs for this request (limit + 1 to see a next page)
cat > "$out/catalog-page.sql" <<SQL
SELECT id, name, description, category, subcategory, preview_url, thumbnail_url, prompt_template, negative_prompt, style_keywords, is_active, is_premium, order_index, usage_count, version, created_at, updated_at FROM scenes WHERE is_active AND category = '$CATEGORY' ORDER BY order_index, id LIMIT 21;
SQL

echo "warming up ..."; wrk -t2 -c"$CONNECTIONS" -d5s "$url" >/dev/null
echo "service: wrk -t2 -c$CONNECTIONS -d$DURATION $url"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$url" | tee "$out/catalog-wrk.txt"
echo "database: pgbench -c$CONNECTIONS -j2 -T${DURATION%s} -M prepared"
PGPASSWORD=postgres pgbench -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c"$CONNECTIONS" -j2 \
  -T"${DURATION%s}" -f "$out/catalog-page.sql" catalog | tee "$out/catalog-pgbench.txt"

svc=$(awk '/Requests\/sec/ {print $2}' "$out/catalog-wrk.txt")
p99=$(awk '$1=="99%" {print $2}' "$out/catalog-wrk.txt")
db=$(awk '/^tps/ {print $3; exit}' "$out/catalog-pgbench.txt")
ratio=$(awk -v a="$svc" -v b="$db" 'BEGIN {printf "%.2f", a/b}')
cat > "$out/catalog-reads.md" <<MD
| benchmark | service (wrk, $CONNECTIONS conn) | database (pgbench, $CONNECTIONS clients, same SQL) | ratio (target >= 1.0) |
|---|---|---|---|
| GET /v1/scenes?category=$CATEGORY&limit=20 | $svc req/s (p99 $p99) | $db tps | $ratio |
MD
cat "$out/catalog-reads.md"
if [ "$started" = 1 ]; then deploy/monzie stop >/dev/null; fi
