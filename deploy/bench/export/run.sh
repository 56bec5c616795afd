#!/usr/bin/env bash
# Issue 14's figure: the data export of a 500-image user. Assembles the ZIP of 500 images of 1 MiB
# (random bytes, so nothing compresses) from a real filesystem object store with profile-service's
# ArchiveAssembler, in a JVM whose heap is capped at 64 MiB (an archive built in memory, 500 MiB,
# would die of OutOfMemoryError), and prints the time and the JVM's peak RSS (VmHWM).
# Usage: deploy/bench/export/run.sh            (writes deploy/bench/out/export.txt)
set -euo pipefail
cd "$(dirname "$0")/../../.."
mkdir -p deploy/bench/out
./mvnw -o -B -ntp -pl profile-service -am verify \
  -Dtest=ArchiveStreamingTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
  -Dmonzie.bench.export=true -DargLine="-Xmx64m -Dmonzie.bench.export=true" \
  | tee deploy/bench/out/export-build.log | grep -E 'BENCH export|export archive of|Tests run:|BUILD' \
  | tee deploy/bench/out/export.txt
