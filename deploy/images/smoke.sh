#!/usr/bin/env bash
# Runs a service image with no container engine, to prove it starts: unpacks IMAGE's layers from
# the registry deploy/images/build.sh filled into a root filesystem, then starts its entrypoint
# with chroot as the image's user (185), against the local stack's PostgreSQL and Kafka
# (deploy/monzie start), and waits for /q/health/ready. Needs root (chroot).
# Usage: deploy/images/smoke.sh [SERVICE]   (default catalog-service; the registry must be up:
#        REGISTRY_PORT=5000 docker-registry serve deploy/images/target/registry.yml)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"; cd "$root"
service="${1:-catalog-service}"; db="${service%-service}"
registry="127.0.0.1:${REGISTRY_PORT:-5000}"; repo="monzie/$service"; port=${SMOKE_PORT:-18090}
accept='Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
fs="$(mktemp -d)"; pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; umount "$fs/proc" 2>/dev/null; rm -rf "$fs"' EXIT

tag=$(curl -sf "http://$registry/v2/$repo/tags/list" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tags"][0])')
manifest=$(curl -sf -H "$accept" "http://$registry/v2/$repo/manifests/$tag")
config=$(curl -sf "http://$registry/v2/$repo/blobs/$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["config"]["digest"])' "$manifest")")
for digest in $(python3 -c 'import json,sys; print(" ".join(l["digest"] for l in json.loads(sys.argv[1])["layers"]))' "$manifest"); do
  curl -sf "http://$registry/v2/$repo/blobs/$digest" | tar -xz -C "$fs" 2>/dev/null \
    || curl -sf "http://$registry/v2/$repo/blobs/$digest" | tar -x -C "$fs"
done
read -r user workdir entry <<< "$(python3 -c 'import json,sys; c=json.loads(sys.argv[1])["config"]; print(c["User"], c.get("WorkingDir") or "/", " ".join(c["Entrypoint"]))' "$config")"
deploy/monzie status | grep -q "^postgres .* ready" || { echo "start the local stack first: deploy/monzie start" >&2; exit 1; }
eval "$(deploy/monzie status --env | grep -E '^(DATABASE_URL|KAFKA_BOOTSTRAP_SERVERS)=')"
pg="127.0.0.1:${DATABASE_URL##*:}"
mkdir -p "$fs/tmp" "$fs/proc" && chmod 1777 "$fs/tmp"
mount -t proc proc "$fs/proc" # as every container runtime does (the JVM finds its libraries through it)
echo "running $service:$tag from its image as user $user: $entry"
env -i PATH=/opt/java/jre25/bin:/usr/bin:/bin JAVA_HOME=/opt/java/jre25 QUARKUS_HTTP_PORT=$port \
  QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://$pg/$db" QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$pg/$db" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION=http://127.0.0.1:8081/.well-known/jwks.json MONZIE_OUTBOX_RELAY_ENABLED=false \
  "$(command -v chroot)" --userspec="$user:$user" "$fs" /bin/sh -c "cd $workdir && exec $entry" > "deploy/images/target/$service-smoke.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; then
    echo "$service image: ready on :$port ($(grep -oE 'started in [0-9.]+s' "deploy/images/target/$service-smoke.log"))"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
tail -20 "deploy/images/target/$service-smoke.log" >&2; echo "$service image did not become ready" >&2; exit 1
