#!/usr/bin/env bash
# Start-up bench (issue 17): today's jar on Java 17 vs the new setup (Java 25, aot-jar, the AOT
# cache the local stack trained), each service alone, RUNS starts each, interleaved so both see the
# same machine; then `deploy/monzie start` from a built tree, RUNS times.
#   per start: time from spawning the JVM to the first 200 of /q/health/ready (polled every 20 ms),
#   and the RSS once it has been idle for IDLE_SECONDS.
# Runs its own local stack beside any other (MONZIE_STATE_DIR=deploy/bench/out/startup-stack,
# MONZIE_PORT_OFFSET=1000: PostgreSQL 55322, Kafka 10092, gateway 9080, services 9081-9084), takes
# its PostgreSQL and Kafka for the single-service starts, and each service's environment and JVM
# command from the process the stack started (so the bench starts exactly what the stack starts).
# Today's jar: BASELINE_DIR (a folder with SERVICE/quarkus-run.jar for each service), else built
# from git BASELINE_REF (default: the commit before issue 17's start-up work) into
# deploy/bench/out/startup-baseline. Writes deploy/bench/out/startup.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"; cd "$root"
out=deploy/bench/out; mkdir -p "$out"
RUNS=${RUNS:-5}; IDLE_SECONDS=${IDLE_SECONDS:-5}
SERVICES=${SERVICES:-"profile catalog generation analytics"}
BASELINE_REF=${BASELINE_REF:-7fc798a}
JAVA17=${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
export MONZIE_STATE_DIR=${MONZIE_STATE_DIR:-$out/startup-stack} MONZIE_PORT_OFFSET=${MONZIE_PORT_OFFSET:-1000}
state="$MONZIE_STATE_DIR"
port_of() { echo $(( $(sed -n "s/^  $1: { port: \([0-9]*\) }/\1/p" deploy/routes.yaml) + MONZIE_PORT_OFFSET )); }

# ---- today's jar -------------------------------------------------------------------------
if [ -z "${BASELINE_DIR:-}" ]; then
  BASELINE_DIR="$out/startup-baseline/apps"
  if [ ! -f "$BASELINE_DIR/analytics/quarkus-run.jar" ]; then
    echo "building today's jars ($BASELINE_REF) ..."
    src="$out/startup-baseline/src"; rm -rf "$src"; mkdir -p "$src" "$BASELINE_DIR"
    git archive "$BASELINE_REF" | tar -x -C "$src"
    (cd "$src" && ./mvnw -o -B -q package -DskipTests -Dspotless.check.skip=true \
      -pl profile-service,catalog-service,generation-service,analytics-service -am)
    for s in profile catalog generation analytics; do
      rm -rf "${BASELINE_DIR:?}/$s"; cp -a "$src/$s-service/target/quarkus-app" "$BASELINE_DIR/$s"
    done
  fi
fi

# ---- the new setup: the stack builds what is stale and trains the caches -----------------
deploy/monzie stop >/dev/null 2>&1 || true
echo "deploy/monzie start (isolated: $state, ports +$MONZIE_PORT_OFFSET; builds and trains when stale) ..."
deploy/monzie start > "$out/startup-first-start.log" 2>&1 || { tail -20 "$out/startup-first-start.log"; exit 1; }
declare -A env_of cmd_of
for s in $SERVICES; do
  pid=$(cat "$state/pids/$s.pid")
  # its environment (the stack's settings, not this shell's) and its exact command line
  env_of[$s]=$(tr '\0' '\n' < "/proc/$pid/environ" | grep -E '^(QUARKUS_|_PROD_|MONZIE_|MP_|KAFKA_)' | tr '\n' ' ')
  cmd_of[$s]=$(tr '\0' ' ' < "/proc/$pid/cmdline")
  grep -q QUARKUS_HTTP_PORT <<< "${env_of[$s]}" || { echo "no environment read for $s (pid $pid)" >&2; exit 1; }
  echo "$s: ${cmd_of[$s]}"
done
# the single-service starts need PostgreSQL and Kafka only: stop the gateway and the services
for c in gateway $SERVICES; do
  pid=$(cat "$state/pids/$c.pid"); kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$state/pids/$c.pid"
done

# one_start SERVICE COMMAND...: prints "MS RSS_MIB" (or "fail")
one_start() {
  local s="$1"; shift
  local port; port=$(port_of "$s")
  local began pid ready=""
  began=$(date +%s%N)
  local tag=new old=()
  # today's jar knows fewer migrations than the database the new setup migrated: its Flyway would
  # refuse to start on "applied migration not resolved locally"; it only has to start
  [[ "$*" == *"$BASELINE_DIR"* ]] && tag=today old=(QUARKUS_FLYWAY_VALIDATE_ON_MIGRATE=false)
  env ${env_of[$s]} "${old[@]}" "$@" > "$out/startup-$s-$tag-run.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 3000); do
    if curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready" 2>/dev/null | grep -q 200; then
      ready=$(( ($(date +%s%N) - began) / 1000000 )); break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.02
  done
  if [ -z "$ready" ]; then echo fail; kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; return; fi
  sleep "$IDLE_SECONDS"
  local rss; rss=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready $rss"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

rows=""
for s in $SERVICES; do
  base_ms=""; base_rss=""; new_ms=""; new_rss=""
  new_cmd=${cmd_of[$s]}
  for i in $(seq 1 "$RUNS"); do
    read -r ms rss <<< "$(one_start "$s" "$JAVA17" -Xms64m -Xmx384m -XX:+UseSerialGC -jar "$BASELINE_DIR/$s/quarkus-run.jar")"
    [ "$ms" != fail ] && { base_ms+="$ms "; base_rss+="$rss "; }
    # shellcheck disable=SC2086 # the stack's command line, word by word
    read -r ms rss <<< "$(one_start "$s" $new_cmd)"
    [ "$ms" != fail ] && { new_ms+="$ms "; new_rss+="$rss "; }
    echo "$s run $i: today's jar on 17: $base_ms ms -- new: $new_ms ms" | tr -s ' '
  done
  rows+="| $s | $(median <<< "$base_ms") ms ($base_ms) | $(median <<< "$new_ms") ms ($new_ms) | $(median <<< "$base_rss") MiB | $(median <<< "$new_rss") MiB |"$'\n'
  echo "row: ${rows##*$'\n'$s}" # the table so far, should a later part fail
  printf '%s' "$rows" > "$out/startup-rows.md"
done

# ---- deploy/monzie start from a built tree (caches made) ---------------------------------
deploy/monzie stop >/dev/null
stack_s=""
for i in $(seq 1 "$RUNS"); do
  began=$(date +%s%N)
  deploy/monzie start > "$out/startup-stack-$i.log" 2>&1 || { tail -20 "$out/startup-stack-$i.log"; exit 1; }
  took=$(awk -v a="$began" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b-a)/1e9}')
  stack_s+="$took "
  echo "deploy/monzie start run $i: $took s"
  deploy/monzie stop >/dev/null
done

java25=$(sed -n 's/^ *\([^ ]*java\) .*/\1/p' <<< "${cmd_of[catalog]:-${cmd_of[$s]}}")
{
  echo "Start-up, $RUNS starts each, median (each run in brackets); $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "today's jar: $("$JAVA17" -version 2>&1 | head -1), -Xms64m -Xmx384m -XX:+UseSerialGC, fast-jar, no cache"
  echo "new: $java25 ($("$java25" -version 2>&1 | head -1)), aot-jar + AOT cache from the stack's training run"
  echo
  echo "| service | start to ready: today's jar on 17 | new: 25 + AOT cache (target < 1000 ms) | RSS idle ${IDLE_SECONDS} s: today | new (target < 180 MiB) |"
  echo "|---|---|---|---|---|"
  printf '%s' "$rows"
  echo
  echo "| deploy/monzie start from a built tree (all four services, gateway, demo catalog check) | median (target < 8 s) | runs |"
  echo "|---|---|---|"
  echo "| new setup | $(median <<< "$stack_s") s | $stack_s|"
} > "$out/startup.md"
cat "$out/startup.md"
