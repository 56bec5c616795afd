#!/usr/bin/env bash
# Builds the services' base image as a `docker save` tarball, for machines that cannot reach
# registry.access.redhat.com (the default base, UBI 9 OpenJDK 25 runtime): Debian 12 minbase +
# ca-certificates, a Java 25 runtime made with jlink from a local JDK 25 (Debian 12 packages no
# 25; JDK25, default /usr/lib/jvm/temurin-25-jdk-amd64) at /opt/java/jre25, user 185 (as in UBI),
# /deployments owned by it. Needs root and debootstrap (apt-get install debootstrap).
# Usage: deploy/images/base-image.sh [OUT.tar]   (default deploy/images/target/jre25-base.tar)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/deploy/images/target/jre25-base.tar}"
jdk="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
[ -x "$jdk/bin/jlink" ] || { echo "no JDK 25 at $jdk (set JDK25)" >&2; exit 1; }
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")" "$work/rootfs" "$work/image"

debootstrap --variant=minbase --include=ca-certificates bookworm \
  "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# every module of the JDK (the services use java.desktop for images, jdk.* for JFR and the like),
# without what a runtime does not need; then its default CDS archive, as a JDK ships one. Temurin
# 25 ships no jmods (JEP 493: jlink links from the run-time image), so ALL-MODULE-PATH has no
# module path to mean, and such a jlink refuses jdk.jlink (and jdk.jpackage, which needs it).
modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//' | grep -vxE 'jdk\.jlink|jdk\.jpackage|jdk\.incubator\..*' | paste -sd,)
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --output "$work/rootfs/opt/java/jre25"
"$work/rootfs/opt/java/jre25/bin/java" -Xshare:dump > /dev/null
chroot "$work/rootfs" /bin/sh -c 'groupadd -g 185 jboss && useradd -u 185 -g 185 -d /deployments -M -s /usr/sbin/nologin jboss && mkdir -p /deployments && chown 185:185 /deployments'
rm -rf "$work/rootfs"/var/cache/apt/* "$work/rootfs"/var/lib/apt/lists/* "$work/rootfs"/usr/share/doc/* \
  "$work/rootfs"/usr/share/man/* "$work/rootfs"/usr/share/locale/* "$work/rootfs"/var/log/*

tar --numeric-owner --sort=name --mtime='2026-01-01 00:00Z' -C "$work/rootfs" -cf "$work/image/layer.tar" .
diff_id="sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"2026-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/jre25/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
   "JAVA_HOME=/opt/java/jre25","LANG=C.UTF-8"],"User":"185","WorkingDir":"/deployments"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"2026-01-01T00:00:00Z","created_by":"deploy/images/base-image.sh (debootstrap bookworm, jlink of $(basename "$jdk"))"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["monzie/jre25-base:bookworm"],"Layers":["layer.tar"]}]' > "$work/image/manifest.json"
tar -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "$out ($(du -h "$out" | cut -f1), layer $diff_id)"
