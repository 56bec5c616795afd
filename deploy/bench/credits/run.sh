#!/usr/bin/env bash
# Issue 12 benchmark: spending credits vs the daily quota, on the same database.
# A PostgreSQL of its own (temporary directory, free port; fsync and synchronous_commit on, as in
# the local stack) holds generation-service's schema (its Flyway migrations, applied in order) and
# 1,000 users with a plan and two packs. pgbench, 64 clients, runs for DURATION seconds each:
#   daily:   the daily-quota upsert (DailyQuota.reserve), the path before credits;
#   credits: the entitlement read and the spend in one statement (Credits.reserve, a plan user).
# Each after a 10 s warm-up that is not counted. Then: spends/s of each, the ratio (target >= 0.8),
# every spend the clients counted is in the ledger, and every balance equals the sum of its ledger.
# One command; writes deploy/bench/out/credits.md. Needs pgbench + psql and the PostgreSQL server
# binaries (initdb, pg_ctl) on the PATH.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
here=deploy/bench/credits; out=deploy/bench/out; mkdir -p "$out"
CLIENTS=${CLIENTS:-64}; DURATION=${DURATION:-30}; WARMUP=${WARMUP:-10}

# PostgreSQL refuses to run as root: then it runs as the postgres (or nobody) account
as_pg=()
if [ "$(id -u)" = 0 ]; then
  pg_user=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
  as_pg=(runuser -u "$pg_user" --)
fi
data=$(mktemp -d /tmp/monzie-bench-credits.XXXXXX)
[ ${#as_pg[@]} -eq 0 ] || chown "$pg_user" "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() { "${as_pg[@]}" pg_ctl -D "$data/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$data"; }
trap stop EXIT
echo "starting PostgreSQL on port $port ..."
"${as_pg[@]}" initdb -D "$data/pg" -U postgres --auth=trust >/dev/null
"${as_pg[@]}" pg_ctl -D "$data/pg" -l "$data/pg.log" -w start -o "-p $port -k $data \
  -c listen_addresses=127.0.0.1 -c max_connections=400 -c shared_buffers=256MB \
  -c fsync=on -c synchronous_commit=on" >/dev/null
sql() { psql -h 127.0.0.1 -p "$port" -U postgres -d bench -v ON_ERROR_STOP=1 -qtA "$@"; }
psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE bench"

echo "schema (generation-service migrations) and 1,000 users ..."
for migration in $(ls generation-service/src/main/resources/db/migration/V*.sql | sort -V); do
  sql -f "$migration" >/dev/null
done
sql -f "$here/seed.sql" >/dev/null

run_pgbench() { # name script seconds -> transactions processed
  pgbench -h 127.0.0.1 -p "$port" -U postgres -n -M prepared -c "$CLIENTS" -j 2 -T "$3" \
    -f "$2" bench > "$out/pgbench-credits-$1.txt" 2>&1
  awk '/number of transactions actually processed/ {print $NF; exit}' "$out/pgbench-credits-$1.txt" \
    | cut -d/ -f1
}
tps() { awk '/^tps/ {printf "%.0f", $3; exit}' "$out/pgbench-credits-$1.txt"; }
lat() { awk '/latency average/ {print $4; exit}' "$out/pgbench-credits-$1.txt"; }
spends() { sql -c "SELECT count(*) FROM credit_ledger WHERE kind = 'spend'"; }
counted() { sql -c "SELECT coalesce(sum(generation_count), 0) FROM usage_tracking"; }

echo "warm-up: ${WARMUP} s of each path ..."
run_pgbench daily-warmup "$here/spend-daily.sql" "$WARMUP" >/dev/null
run_pgbench credits-warmup "$here/spend-credits.sql" "$WARMUP" >/dev/null

echo "daily-quota path: $CLIENTS clients x ${DURATION} s ..."
before=$(counted)
daily_n=$(run_pgbench daily "$here/spend-daily.sql" "$DURATION")
daily_stored=$(( $(counted) - before ))

echo "credit path: $CLIENTS clients x ${DURATION} s ..."
before=$(spends)
credit_n=$(run_pgbench credits "$here/spend-credits.sql" "$DURATION")
credit_stored=$(( $(spends) - before ))

echo "checking every balance against its ledger ..."
grants=$(sql -c "SELECT count(*) FROM credit_grants")
mismatch=$(sql -c "SELECT count(*) FROM credit_grants g WHERE g.balance <> (SELECT coalesce(sum(l.amount), 0)
  FROM credit_ledger l WHERE l.user_id = g.user_id AND l.bucket = g.bucket AND l.grant_id = g.grant_id)")
buckets=$(sql -F ' ' -c "SELECT
  count(*) FILTER (WHERE bucket = 'plan'), count(*) FILTER (WHERE bucket = 'pack' AND grant_id LIKE 'pack-a-%'),
  count(*) FILTER (WHERE bucket = 'pack' AND grant_id LIKE 'pack-b-%') FROM credit_ledger WHERE kind = 'spend'")
read -r from_plan from_a from_b <<< "$buckets"
ratio=$(awk -v a="$(tps credits)" -v b="$(tps daily)" 'BEGIN {printf "%.2f", a/b}')
cat > "$out/credits.md" <<MD
| path ($CLIENTS clients, 1,000 users, ${DURATION} s after ${WARMUP} s warm-up) | spends/s | latency avg | spends stored = spends the clients counted |
|---|---|---|---|
| daily quota: one upsert (before credits) | $(tps daily) | $(lat daily) ms | $([ "$daily_stored" = "$daily_n" ] && echo "yes ($daily_n)" || echo "NO: $daily_stored stored, $daily_n counted") |
| credits: entitlement read + spend + its ledger row, one statement | $(tps credits) | $(lat credits) ms | $([ "$credit_stored" = "$credit_n" ] && echo "yes ($credit_n)" || echo "NO: $credit_stored stored, $credit_n counted") |
| **ratio credits / daily** (target >= 0.8) | **$ratio** | | |

Every balance equals the sum of its ledger rows: $([ "$mismatch" = 0 ] && echo "**yes**, all $grants grants" || echo "**NO**: $mismatch of $grants grants differ").
Spends by bucket over both credit runs (warm-up included): plan $from_plan, older pack $from_a, newer pack $from_b.
MD
cat "$out/credits.md"
