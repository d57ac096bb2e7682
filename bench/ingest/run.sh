#!/usr/bin/env bash
# bench/ingest/run.sh — the ingest-service benchmark (issue 4): REST push throughput (batches of 1,000, acks=all)
# beside Kafka's own ProducerPerformance in the same run. Builds what is missing, runs it, cleans up.
#
#   bench/ingest/run.sh                          # 200,000 records, 4 concurrent pushes
#   bench/ingest/run.sh --records=50000 --concurrency=8
#   bench/ingest/run.sh --help                   # every option
#
# Needs PostgreSQL at 127.0.0.1:5432 (PACER_DB_HOST/PORT/USER/PASSWORD), Java 17+. Starts a Kafka broker inside the
# bench JVM and ingest-service as a process, on free ports of 127.0.0.1, with a fresh database (pacer_bench_ingest)
# that is dropped at the end. Whole run bounded by BENCH_TIMEOUT (default 30m).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BENCH="$ROOT/bench/ingest"
WORK="$BENCH/target/run"
APP_COPY="$BENCH/target/ingest-service-app"
JAR="$BENCH/target/pacer-bench-ingest-0.1.0-SNAPSHOT.jar"
SERVICE_APP="$ROOT/ingest-service/target/quarkus-app"

say() { printf '%s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

command -v java >/dev/null || die "java (17+) is needed"
for a in "$@"; do [[ "$a" == -h || "$a" == --help ]] && exec java -cp "$JAR" dev.pacer.bench.ingest.IngestBench --help; done

# Maven must not run twice at once on this machine (shared ~/.m2): wait for another build to finish first.
wait_for_maven() {
  local waited=0
  while pgrep -f 'plexus-classworlds' >/dev/null; do
    (( waited == 0 )) && say "run.sh: another Maven build is running; waiting for it (up to 15 min) before building"
    (( waited >= 900 )) && die "another Maven build is still running after 15 min; try again later"
    sleep 5; waited=$((waited + 5))
  done
}

# 1. ingest-service's quarkus-app: built when missing or older than its sources (never installs anything).
if [[ ! -f "$SERVICE_APP/quarkus-run.jar" ]] \
   || [[ -n "$(find "$ROOT/ingest-service/src/main" "$ROOT/ingest-service/pom.xml" -newer "$SERVICE_APP/quarkus-run.jar" -type f -print -quit)" ]]; then
  wait_for_maven
  say "run.sh: building ingest-service (./mvnw -q -o -f ingest-service/pom.xml package -DskipTests)"
  ./mvnw -q -o -f ingest-service/pom.xml package -DskipTests
fi
# 2. the bench itself (and bench/support).
if [[ ! -f "$JAR" ]] \
   || [[ -n "$(find "$BENCH/src" "$BENCH/pom.xml" "$ROOT/bench/support/src" "$ROOT/bench/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
  wait_for_maven
  say "run.sh: building bench/ingest (./mvnw -q -o -f bench/pom.xml -pl support,ingest package -DskipTests)"
  ./mvnw -q -o -f bench/pom.xml -pl support,ingest package -DskipTests
fi
mkdir -p "$WORK"
exec 9>"$BENCH/target/.run.lock"
flock -n 9 || die "another bench/ingest/run.sh is running"
# A private copy of the service, so that someone rebuilding ingest-service mid-run cannot pull it away.
rm -rf "$APP_COPY" && cp -rp "$SERVICE_APP" "$APP_COPY"

cleanup() {
  local pidfile="$WORK/ingest-service.pid" pid
  if [[ -f "$pidfile" ]]; then
    pid="$(cat "$pidfile")"
    if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$APP_COPY/quarkus-run.jar"; then
      say "run.sh: stopping ingest-service (pid $pid) left behind"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  fi
  rm -rf "$WORK/kafka"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "run.sh: ingest-service at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet -- ingest-service platform events 2>/dev/null || echo ' (+ uncommitted changes)'), quarkus-app built $(date -r "$SERVICE_APP/quarkus-run.jar" '+%F %T')"
timeout --signal=TERM --kill-after=60 "${BENCH_TIMEOUT:-30m}" \
  java ${BENCH_JAVA_OPTS:--Xmx2g} -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dorg.slf4j.simpleLogger.log.kafka=error -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error \
    -jar "$JAR" --app="$APP_COPY/quarkus-run.jar" --work-dir="$WORK" --lib="$BENCH/target/lib" "$@"
