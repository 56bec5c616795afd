#!/usr/bin/env bash
# Builds the services' base image as a `docker save` tarball, from Debian packages only, for
# machines that cannot reach registry.access.redhat.com (the default base, UBI 9 OpenJDK 17
# runtime): Debian 12 minbase + openjdk-17-jre-headless + ca-certificates, user 185 (as in UBI),
# /deployments owned by it. Needs root and debootstrap (apt-get install debootstrap).
# Usage: deploy/images/base-image.sh [OUT.tar]   (default deploy/images/target/jre17-base.tar)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/deploy/images/target/jre17-base.tar}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")" "$work/rootfs" "$work/image"

debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm \
  "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
chroot "$work/rootfs" /bin/sh -c 'groupadd -g 185 jboss && useradd -u 185 -g 185 -d /deployments -M -s /usr/sbin/nologin jboss && mkdir -p /deployments && chown 185:185 /deployments'
rm -rf "$work/rootfs"/var/cache/apt/* "$work/rootfs"/var/lib/apt/lists/* "$work/rootfs"/usr/share/doc/* \
  "$work/rootfs"/usr/share/man/* "$work/rootfs"/usr/share/locale/* "$work/rootfs"/var/log/*

tar --numeric-owner --sort=name --mtime='2026-01-01 00:00Z' -C "$work/rootfs" -cf "$work/image/layer.tar" .
diff_id="sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"2026-01-01T00:00:00Z",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
   "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64","LANG=C.UTF-8"],"User":"185","WorkingDir":"/deployments"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"2026-01-01T00:00:00Z","created_by":"deploy/images/base-image.sh (debootstrap bookworm, openjdk-17-jre-headless)"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["monzie/jre17-base:bookworm"],"Layers":["layer.tar"]}]' > "$work/image/manifest.json"
tar -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "$out ($(du -h "$out" | cut -f1), layer $diff_id)"
