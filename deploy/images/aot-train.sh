#!/usr/bin/env bash
# Bakes a JDK AOT cache (Project Leyden, JEP 483/514/515: classes loaded and linked, method
# profiles) into the four service images already in the local engine, by a training run of each
# image itself: the cache holds only for the exact JVM build and class path that wrote it, so it is
# written by the image's own JRE, entrypoint and /deployments layout, in a container. The training:
# PostgreSQL and Kafka containers on a throwaway network, the four services started with
# -XX:AOTCacheOutput, a user signed up and the read paths of deploy/stack's StartupCache requested
# with that user's token, then SIGTERM (the JVM writes the cache as it exits). Each image is then
# rebuilt in place as itself plus one layer (app.aot next to quarkus-run.jar) and the entrypoint's
# java given -XX:AOTCache (a cache that does not match is ignored with a warning, never fatal).
#
#   deploy/images/aot-train.sh TAG           # monzie/<service>:TAG, as build.sh loads them
#   MEASURE=3 deploy/images/aot-train.sh TAG # then start each service alone 3 times with the cache
#                                            # (-XX:AOTMode=on: fails if unusable) and 3 without
#                                            # (-XX:AOTMode=off); table in target/aot-startup.md
#   MEASURE=3 deploy/images/aot-train.sh --measure TAG   # only that, on images already trained
# Needs monzie/postgres:16 and monzie/kafka (deploy/containers/images.sh infra) and an engine CLI.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$root"
measure_only=""; [ "${1:-}" = --measure ] && { measure_only=1; shift; }
tag="${1:?usage: deploy/images/aot-train.sh [--measure] TAG}"
cli="${CONTAINER_CLI:-$(command -v podman || command -v docker || true)}"
[ -n "$cli" ] || { echo "aot-train: no podman or docker CLI" >&2; exit 1; }
services=(profile catalog generation analytics)
kafka_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml)
work="$root/deploy/images/target/aot"; [ -n "$measure_only" ] || rm -rf "$work"; mkdir -p "$work"
run_id="aot$$"; net="monzie-$run_id"
say() { echo "aot-train: $*" >&2; }

cleanup() {
  # shellcheck disable=SC2046
  "$cli" rm -f -t 0 $("$cli" ps -aq --filter "label=ai.monzie.aot-train=$run_id") > /dev/null 2>&1 || true
  "$cli" network rm -f "$net" > /dev/null 2>&1 || true
}
trap cleanup EXIT

# wait_log CONTAINER REGEX SECONDS: the container's log shows REGEX in time, or fail with its tail
wait_log() {
  local deadline=$((SECONDS + $3))
  until "$cli" logs "$1" 2>&1 | grep -qE "$2"; do
    if [ $SECONDS -gt $deadline ] || [ "$("$cli" inspect -f '{{.State.Running}}' "$1")" != true ]; then
      "$cli" logs "$1" 2>&1 | tail -20 >&2; say "$1: no '$2' within $3 s"; return 1
    fi
    sleep 0.5
  done
}

# the published host port of CONTAINER's 8080
port_of() { "$cli" port "$1" 8080/tcp | head -1 | sed 's/.*://'; }

# wait_ready CONTAINER SECONDS: GET /q/health/ready answers 200
wait_ready() {
  local deadline=$((SECONDS + $2)) port
  port=$(port_of "$1")
  until [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready")" = 200 ]; do
    if [ $SECONDS -gt $deadline ] || [ "$("$cli" inspect -f '{{.State.Running}}' "$1")" != true ]; then
      "$cli" logs "$1" 2>&1 | tail -30 >&2; say "$1: not ready within $2 s"; return 1
    fi
    sleep 0.1
  done
}

"$cli" network create "$net" > /dev/null
"$cli" run -d --name "$run_id-postgres" --label "ai.monzie.aot-train=$run_id" --network "$net" \
  --network-alias postgres -e POSTGRES_DATABASES="${services[*]}" monzie/postgres:16 \
  -c fsync=off -c max_connections=200 > /dev/null
"$cli" run -d --name "$run_id-kafka" --label "ai.monzie.aot-train=$run_id" --network "$net" \
  --network-alias kafka -e KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://kafka:9092 \
  "monzie/kafka:$kafka_version" > /dev/null
wait_log "$run_id-postgres" 'database system is ready to accept connections' 120
wait_log "$run_id-kafka" 'Kafka Server started' 180

# a signing key of its own for profile (read by user 185), and the files directory generation needs
mkdir -p "$work/keys"; chmod 755 "$work/keys"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/keys/jwt-private.pem" 2> /dev/null
chmod 644 "$work/keys/jwt-private.pem"

# create_service SERVICE NAME MEMORY [ENGINE-ARG...]: a container of the service's image as the
# chart runs it (its entrypoint, user 185, read-only root, /tmp a tmpfs), not started
create_service() {
  local s="$1" name="$2" memory="$3"; shift 3
  local args=(--name "$name" --label "ai.monzie.aot-train=$run_id" --network "$net" --network-alias "$s"
    --memory "$memory" --read-only --tmpfs /tmp:rw,size=256m -p 127.0.0.1::8080
    -e QUARKUS_HTTP_PORT=8080 -e QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
    -e "QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://postgres:5432/$s"
    -e "QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://postgres:5432/$s"
    -e QUARKUS_DATASOURCE_USERNAME=postgres -e QUARKUS_DATASOURCE_PASSWORD=postgres
    -e QUARKUS_DATASOURCE_JDBC_ACQUISITION_TIMEOUT=60S -e KAFKA_BOOTSTRAP_SERVERS=kafka:9092
    -e MP_JWT_VERIFY_PUBLICKEY_LOCATION=http://profile:8080/.well-known/jwks.json
    -e MONZIE_PUBLIC_BASE_URL=http://127.0.0.1:8080)
  case "$s" in
    profile) args+=(-v "$work/keys:/var/run/secrets/monzie/jwt:ro"
      -e MONZIE_JWT_SIGNING_KEY_LOCATION=/var/run/secrets/monzie/jwt/jwt-private.pem
      -e MONZIE_JWT_KEY_ID=aot-train -e "MONZIE_REVENUECAT_WEBHOOK_SECRET=$(openssl rand -hex 24)") ;;
    generation) args+=(--tmpfs /var/lib/monzie/files:rw,mode=1777
      -e "MONZIE_FILES_SIGNING_KEY=$(openssl rand -hex 24)" -e MONZIE_STORAGE_FILESYSTEM_ROOT=/var/lib/monzie/files) ;;
  esac
  "$cli" create "${args[@]}" "$@" "monzie/$s-service:$tag" > /dev/null
}

if [ -z "$measure_only" ]; then
  for s in "${services[@]}"; do
    if "$cli" image inspect -f '{{json .Config.Entrypoint}}' "monzie/$s-service:$tag" | grep -q AOTCache; then
      say "monzie/$s-service:$tag already has an AOT cache: build it again (deploy/images/build.sh) first"; exit 1
    fi
  done

  say "training run of the four images (monzie/<service>-service:$tag)"
  t0=$SECONDS
  for s in "${services[@]}"; do
    mkdir -p "$work/$s"; chmod 777 "$work/$s"
    # 1 GiB: at exit the training JVM starts a second one that assembles the cache, and both must
    # fit; the GC stays the one the chart's 384 MiB gets (serial below 1792 MiB), as the cache needs
    create_service "$s" "$run_id-train-$s" 1g -v "$work/$s:/aot" -e JAVA_TOOL_OPTIONS=-XX:AOTCacheOutput=/aot/app.aot
    "$cli" start "$run_id-train-$s" > /dev/null
  done
  for s in "${services[@]}"; do wait_ready "$run_id-train-$s" 600; done
  say "ready after $((SECONDS - t0)) s; training requests"

  # the workload: a user signs up, then the read paths of deploy/stack's StartupCache.TRAINING_PATHS,
  # with the user's token, five rounds (analytics' stats answer 403 to a user: the refusal is trained)
  pp=$(port_of "$run_id-train-profile")
  token=$(curl -sf -X POST "http://127.0.0.1:$pp/v1/auth/signup" -H 'Content-Type: application/json' \
    -H 'Accept-Language: en' -d '{"email":"aot-train@example.com","password":"aot training 1","gender":"female"}' \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])') \
    || { say "sign-up on profile failed"; exit 1; }
  declare -A paths=(
    [profile]="/.well-known/jwks.json /v1/profiles/me"
    [catalog]="/v1/categories /v1/scenes?limit=5"
    [generation]="/v1/usage/today /v1/generations?limit=5 /v1/images"
    [analytics]="/v1/stats/generations/daily /v1/stats/active-users")
  : > "$work/requests.txt"
  for _ in 1 2 3 4 5; do
    for s in "${services[@]}"; do
      port=$(port_of "$run_id-train-$s")
      for p in ${paths[$s]} /q/health/ready; do
        echo "$s $p $(curl -s -m 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "http://127.0.0.1:$port$p")" >> "$work/requests.txt"
      done
    done
  done
  sort "$work/requests.txt" | uniq -c | sed 's/^ */  /' >&2

  for s in "${services[@]}"; do "$cli" stop -t 600 "$run_id-train-$s" > /dev/null & done
  wait
  for s in "${services[@]}"; do
    "$cli" logs "$run_id-train-$s" > "$work/$s-training.log" 2>&1
    [ -s "$work/$s/app.aot" ] || { tail -20 "$work/$s-training.log" >&2; say "$s: the training wrote no cache"; exit 1; }
  done
  say "trained in $((SECONDS - t0)) s: $(cd "$work" && du -h ./*/app.aot | awk '{printf "%s %s  ", $2, $1}')"

  # the image again, plus the cache: the layer after the application's, the entrypoint's java using it
  for s in "${services[@]}"; do
    image="monzie/$s-service:$tag"
    workdir=$("$cli" image inspect -f '{{.Config.WorkingDir}}' "$image")
    entry=$(python3 -c 'import json,sys; e=json.loads(sys.argv[1]); e.insert(1, "-XX:AOTCache=" + sys.argv[2]); print(json.dumps(e))' \
      "$("$cli" image inspect -f '{{json .Config.Entrypoint}}' "$image")" "${workdir%/}/app.aot")
    cat > "$work/$s/Containerfile" <<CF
FROM $image
COPY app.aot ${workdir%/}/app.aot
LABEL ai.monzie.aot-cache="trained by deploy/images/aot-train.sh"
ENTRYPOINT $entry
CF
    "$cli" build -q -t "$image" -f "$work/$s/Containerfile" "$work/$s" > /dev/null
    echo "monzie/$s-service:$tag: AOT cache $(du -h "$work/$s/app.aot" | cut -f1), entrypoint $entry"
  done

fi
[ "${MEASURE:-0}" -gt 0 ] || exit 0
# each service alone, from container start to /q/health/ready, under the chart's 384 MiB: with the
# cache (AOTMode=on fails rather than start without it) and without (off), alternately
say "measuring start-up: ${MEASURE} starts per service with and without the cache"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
: > "$work/starts.txt"
for s in "${services[@]}"; do
  for i in $(seq 1 "$MEASURE"); do
    for mode in on off; do
      name="$run_id-m-$s-$mode-$i"
      create_service "$s" "$name" 384m -e "JAVA_TOOL_OPTIONS=-XX:AOTMode=$mode"
      begin=$(date +%s%N)
      "$cli" start "$name" > /dev/null
      wait_ready "$name" 300
      ms=$(( ($(date +%s%N) - begin) / 1000000 ))
      quarkus=$("$cli" logs "$name" 2>&1 | grep -oE 'started in [0-9.]+s' | head -1 | grep -oE '[0-9.]+')
      rss=$("$cli" stats --no-stream --format '{{.MemUsage}}' "$name" | cut -d/ -f1 | tr -d ' ')
      echo "$s $mode $ms $quarkus $rss" | tee -a "$work/starts.txt" >&2
      "$cli" rm -f -t 30 "$name" > /dev/null
    done
  done
done
{
  echo "| service | start → ready, AOT cache (median of $MEASURE) | without | Quarkus \"started in\", cache | without | memory at ready, cache | without |"
  echo "|---|---|---|---|---|---|---|"
  for s in "${services[@]}"; do
    row="| $s"
    for col in 3 4; do
      for mode in on off; do
        row+=" | $(awk -v s="$s" -v m="$mode" -v c="$col" '$1==s && $2==m {print $c}' "$work/starts.txt" | median)"
        [ $col = 3 ] && row+=" ms" || row+=" s"
      done
    done
    for mode in on off; do row+=" | $(awk -v s="$s" -v m="$mode" '$1==s && $2==m {print $5}' "$work/starts.txt" | tail -1)"; done
    echo "$row |"
  done
} | tee "$root/deploy/images/target/aot-startup.md"
