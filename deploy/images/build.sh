#!/usr/bin/env bash
# Builds the four services' OCI images with Jib — no Docker engine — and pushes them to a
# registry; then reads each image back from the registry and checks what an operator relies on
# (user 185, the java entrypoint, port 8080, the JVM flags). Writes deploy/images/target/images.md.
#
#   deploy/images/build.sh                      # to a throwaway local registry (docker-registry)
#   REGISTRY=registry.example.com/monzie deploy/images/build.sh   # to yours (credentials: ~/.docker/config.json)
#   LOAD_INTO=podman deploy/images/build.sh     # also pull them from the throwaway registry into a
#                                               # local engine (podman or docker), as monzie/<service>:<tag>,
#                                               # train their JDK AOT cache there (aot-train.sh; AOT=0
#                                               # skips) and push the trained images under the same tag
#
# BASE_IMAGE defaults to the UBI 9 OpenJDK 25 runtime from registry.access.redhat.com; where that
# registry is not reachable, it is built from Debian packages (deploy/images/base-image.sh) and
# given to Jib as a tar:// image.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$root"
target=deploy/images/target; mkdir -p "$target"
services=(profile-service catalog-service generation-service analytics-service)

base="${BASE_IMAGE:-}"
if [ -z "$base" ]; then
  # a registry answers /v2/ with 200, or 401 when it wants a token: either way it is reachable
  code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' https://registry.access.redhat.com/v2/ || true)
  if [ "$code" = 200 ] || [ "$code" = 401 ]; then
    base=registry.access.redhat.com/ubi9/openjdk-25-runtime:1.24
  else
    [ -f "$target/jre25-base.tar" ] || deploy/images/base-image.sh "$target/jre25-base.tar"
    base="tar://$root/$target/jre25-base.tar"
  fi
fi

registry_pid=""
if [ -z "${REGISTRY:-}" ]; then
  command -v docker-registry >/dev/null || { echo "no REGISTRY given and no docker-registry (apt-get install docker-registry)" >&2; exit 1; }
  port=${REGISTRY_PORT:-5000}
  cat > "$target/registry.yml" <<YML
version: 0.1
storage: {filesystem: {rootdirectory: $root/$target/registry}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
log: {level: warn}
YML
  docker-registry serve "$target/registry.yml" > "$target/registry.log" 2>&1 &
  registry_pid=$!
  trap '[ -n "$registry_pid" ] && kill $registry_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$port/v2/" && break; sleep 0.1; done
  REGISTRY="localhost:$port"; insecure=true
fi
registry_host="${REGISTRY%%/*}"; group="${REGISTRY#*/}"; [ "$group" = "$REGISTRY" ] && group=monzie

echo "base image: $base"
echo "pushing to: $registry_host/$group"
# one reactor run builds the platform modules with the four services (nothing installed in ~/.m2)
echo "building ${services[*]} ..."
./mvnw -B -q ${MAVEN_OFFLINE:+-o} package -DskipTests -Dspotless.check.skip=true -am \
  -pl "$(IFS=,; echo "${services[*]}")" \
  -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry="$registry_host" -Dquarkus.container-image.group="$group" \
  -Dquarkus.container-image.insecure="${insecure:-false}" -Dquarkus.jib.base-jvm-image="$base" \
  > "$target/build.log" 2>&1 || { tail -30 "$target/build.log" >&2; exit 1; }

if [ -n "${LOAD_INTO:-}" ] && [ -n "$registry_pid" ]; then # the very images pushed, into the engine
  for s in "${services[@]}"; do
    tag=$(curl -sf "http://$registry_host/v2/$group/$s/tags/list" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tags"][0])')
    pull=("$LOAD_INTO" pull -q); [ "$(basename "$LOAD_INTO")" = podman ] && pull+=(--tls-verify=false)
    "${pull[@]}" "$registry_host/$group/$s:$tag" > /dev/null
    "$LOAD_INTO" tag "$registry_host/$group/$s:$tag" "monzie/$s:$tag"
    echo "loaded into $LOAD_INTO: monzie/$s:$tag"
  done
  # the AOT cache: a training run of each image in the engine, baked in as one more layer, and the
  # images pushed again under the same tag, so that what the registry holds starts with it
  kafka_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml)
  if [ "${AOT:-1}" = 0 ]; then
    echo "AOT cache: not trained (AOT=0)"
  elif ! "$LOAD_INTO" image inspect monzie/postgres:16 "monzie/kafka:$kafka_version" > /dev/null 2>&1; then
    echo "AOT cache: not trained (no monzie/postgres:16 and monzie/kafka:$kafka_version for the training: deploy/containers/images.sh infra)"
  else
    CONTAINER_CLI="$LOAD_INTO" deploy/images/aot-train.sh "$tag" > "$target/aot-train.log"
    for s in "${services[@]}"; do
      push=("$LOAD_INTO" push -q); [ "$(basename "$LOAD_INTO")" = podman ] && push+=(--tls-verify=false)
      "${push[@]}" "monzie/$s:$tag" "$registry_host/$group/$s:$tag" > /dev/null
      "$LOAD_INTO" tag "monzie/$s:$tag" "$registry_host/$group/$s:$tag"
    done
    cat "$target/aot-train.log"
  fi
fi


if [ -n "$registry_pid" ]; then # read every image back from the registry and check it
  accept='Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
  {
    echo "| image | layers | size | user | entrypoint | ports | AOT cache |"
    echo "|---|---|---|---|---|---|---|"
  } > "$target/images.md"
  for s in "${services[@]}"; do
    repo="$group/$s"
    tag=$(curl -sf "http://$registry_host/v2/$repo/tags/list" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tags"][0])')
    manifest=$(curl -sf -H "$accept" "http://$registry_host/v2/$repo/manifests/$tag")
    config_digest=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["config"]["digest"])' "$manifest")
    config=$(curl -sf "http://$registry_host/v2/$repo/blobs/$config_digest")
    python3 - "$s:$tag" "$manifest" "$config" >> "$target/images.md" <<'PY'
import json, sys
name, manifest, config = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])["config"]
size = sum(l["size"] for l in manifest["layers"]) / 1024 / 1024
entry = " ".join(config.get("Entrypoint") or [])
assert config.get("User") == "185", f"{name}: user {config.get('User')}, not 185"
assert "quarkus-run.jar" in entry and "-XX:MaxRAMPercentage=75" in entry, f"{name}: entrypoint {entry}"
assert "8080/tcp" in (config.get("ExposedPorts") or {}), f"{name}: port 8080 not exposed"
aot = "yes" if "-XX:AOTCache=" in entry else "no"
print(f"| {name} | {len(manifest['layers'])} | {size:.0f} MiB | {config['User']} | `{entry}` | {', '.join(config['ExposedPorts'])} | {aot} |")
PY
  done
  cat "$target/images.md"
fi

