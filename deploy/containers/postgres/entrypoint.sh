#!/bin/sh
# Initialises the data directory on first start (superuser postgres, password POSTGRES_PASSWORD,
# default "postgres"; password auth from other hosts), creates the databases POSTGRES_DATABASES
# names (space-separated; the image has no psql, so single-user mode), then runs the server.
# Arguments are server settings: e.g. -c fsync=off -c max_connections=400.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-postgres}" > "$pwfile"
  initdb -D "$PGDATA" -U postgres --pwfile="$pwfile" -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 > /tmp/initdb.log 2>&1 || { cat /tmp/initdb.log >&2; exit 1; }
  rm -f "$pwfile"
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "host all all ::/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
  for db in ${POSTGRES_DATABASES:-}; do
    echo "CREATE DATABASE \"$db\";" | postgres --single -D "$PGDATA" -c unix_socket_directories=/tmp postgres > /dev/null
  done
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp "$@"
