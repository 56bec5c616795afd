#!/usr/bin/env bash
# Prepares a Docker-compatible container engine for the container tests and prints the DOCKER_HOST
# to use (the only line on stdout: `eval "export $(deploy/containers/engine.sh)"`).
#
# Where an engine already answers (DOCKER_HOST, /var/run/docker.sock, or this script's socket from
# an earlier run) it changes nothing. Otherwise, on a Debian machine without a Docker daemon (our
# build machines), it sets up Podman serving the Docker API — needs root:
#   apt-get install podman runc
#   /etc/containers/containers.conf: runc, not crun (crun refuses these hosts' hybrid cgroups);
#     cgroupfs (no systemd as init); no default ulimits (they exceed the hosts' hard limits)
#   podman system service --time=0 unix:///run/monzie-podman.sock   (detached, log in /var/log)
# then waits for GET /_ping. Idempotent: run it as often as you like.
#
#   deploy/containers/engine.sh          # prepare if needed; exit 1 with a reason if it cannot
#   deploy/containers/engine.sh --check  # only look: exit 0 and print DOCKER_HOST if one answers, else 2
set -euo pipefail
socket=/run/monzie-podman.sock
conf=/etc/containers/containers.conf
log=/var/log/monzie-podman.log
say() { echo "engine: $*" >&2; }

# answers HOST (unix:///path or tcp://host:port) GET /_ping with OK?
answers() {
  local host="$1"
  case "$host" in
    unix://*) [ -S "${host#unix://}" ] && [ "$(curl -s -m 3 --unix-socket "${host#unix://}" http://d/_ping 2>/dev/null)" = OK ] ;;
    tcp://*) [ "$(curl -s -m 3 "http://${host#tcp://}/_ping" 2>/dev/null)" = OK ] ;;
    *) return 1 ;;
  esac
}

# Our service, started from a folder since deleted (a CI clone removed and cloned again), still
# answers /_ping but starts no container: conmon fails "Failed to get working directory" and the
# API says "write child: broken pipe". Stop it here; it is started again below, from /.
pid=$(cat /run/monzie-podman.pid 2> /dev/null || true)
cwd=$([ -n "$pid" ] && readlink "/proc/$pid/cwd" 2> /dev/null || true)
if [[ "$cwd" == *" (deleted)" ]]; then
  say "restarting podman system service (pid $pid): the folder it started in is gone"
  kill "$pid" 2> /dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
  rm -f "$socket"
fi

for candidate in "${DOCKER_HOST:-}" unix:///var/run/docker.sock "unix://$socket"; do
  if [ -n "$candidate" ] && answers "$candidate"; then
    echo "DOCKER_HOST=$candidate"
    exit 0
  fi
done
if [ -n "${DOCKER_HOST:-}" ]; then
  say "DOCKER_HOST=$DOCKER_HOST does not answer /_ping; preparing Podman instead"
fi
[ "${1:-}" = --check ] && { say "no Docker-compatible engine answers"; exit 2; }

[ "$(id -u)" = 0 ] || { say "no engine answers and preparing Podman needs root"; exit 1; }
if ! command -v podman > /dev/null || ! command -v runc > /dev/null; then
  command -v apt-get > /dev/null || { say "no engine, and no apt-get to install Podman"; exit 1; }
  say "installing podman and runc (apt-get)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc > /tmp/monzie-podman-apt.log 2>&1; then
    apt-get update -q > /dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc > /tmp/monzie-podman-apt.log 2>&1 \
      || { tail -5 /tmp/monzie-podman-apt.log >&2; say "apt-get install podman runc failed"; exit 1; }
  fi
fi

# our file is recognised by its first line; someone else's configuration is left alone
marker="# written by deploy/containers/engine.sh"
if [ ! -f "$conf" ] || head -1 "$conf" | grep -qxF "$marker"; then
  mkdir -p "$(dirname "$conf")"
  cat > "$conf.tmp" <<CONF
$marker
[containers]
# the default ulimits (nofile 1048576) exceed this host's hard limits: inherit the host's
default_ulimits = []

[engine]
# no systemd as init here, and crun refuses the host's hybrid cgroup hierarchy
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
CONF
  mv "$conf.tmp" "$conf"
else
  say "$conf exists and is not ours: left as it is"
fi

if [ -S "$socket" ]; then rm -f "$socket"; fi # a stale socket of a service that died
say "starting podman system service on $socket (log: $log)"
# from /: the service and the conmon processes it starts keep its working directory
(cd / && exec setsid nohup podman system service --time=0 "unix://$socket" >> "$log" 2>&1 < /dev/null) &
echo $! > /run/monzie-podman.pid
for _ in $(seq 1 150); do
  if answers "unix://$socket"; then
    echo "DOCKER_HOST=unix://$socket"
    exit 0
  fi
  kill -0 "$(cat /run/monzie-podman.pid)" 2> /dev/null || break
  sleep 0.2
done
tail -5 "$log" >&2
say "podman system service did not answer on $socket"
exit 1
