#!/usr/bin/env bash
# bench/metric/run.sh — the metric-service benchmark (issue 3): builds what is missing, runs it, cleans up.
#
#   bench/metric/run.sh                      # 200,000 records; query latency over 1,000,000 facts
#   bench/metric/run.sh --records=20000 --query-facts=100000 --queries=200   # a quick run
#   bench/metric/run.sh --profile            # adds a database-side profile of the loads
#   bench/metric/run.sh --help               # every option
#
# Needs PostgreSQL at 127.0.0.1:5432 (PACER_DB_HOST/PORT/USER/PASSWORD), Java 17+. Starts a Kafka broker inside the
# bench JVM and metric-service as a process, on free ports of 127.0.0.1, with a fresh database (pacer_bench, or
# --database=NAME) that is dropped at the end. Whole run bounded by BENCH_TIMEOUT (default 75m).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BENCH="$ROOT/bench/metric"
WORK="$BENCH/target/run"
APP_COPY="$BENCH/target/metric-service-app"
JAR="$BENCH/target/pacer-bench-metric-0.1.0-SNAPSHOT.jar"
SERVICE_APP="$ROOT/metric-service/target/quarkus-app"
DB_HOST="${PACER_DB_HOST:-127.0.0.1}" DB_PORT="${PACER_DB_PORT:-5432}" DB_USER="${PACER_DB_USER:-postgres}"
DATABASE=pacer_bench
for a in "$@"; do case "$a" in --database=*) DATABASE="${a#--database=}" ;; esac; done

say() { printf '%s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

command -v java >/dev/null || die "java (17+) is needed"
if command -v pg_isready >/dev/null; then
  pg_isready -q -h "$DB_HOST" -p "$DB_PORT" || die "PostgreSQL is not answering at $DB_HOST:$DB_PORT (Debian: pg_ctlcluster 15 main start)"
fi

# Maven must not run twice at once on this machine (shared ~/.m2): wait for another build to finish first.
wait_for_maven() {
  local waited=0
  while pgrep -f 'plexus-classworlds' >/dev/null; do
    (( waited == 0 )) && say "run.sh: another Maven build is running; waiting for it (up to 15 min) before building"
    (( waited >= 900 )) && die "another Maven build is still running after 15 min; try again later"
    sleep 5; waited=$((waited + 5))
  done
}

# 1. metric-service's quarkus-app: built when missing or older than its sources (never installs anything).
if [[ ! -f "$SERVICE_APP/quarkus-run.jar" ]] \
   || [[ -n "$(find "$ROOT/metric-service/src/main" "$ROOT/metric-service/pom.xml" -newer "$SERVICE_APP/quarkus-run.jar" -type f -print -quit)" ]]; then
  wait_for_maven
  say "run.sh: building metric-service (./mvnw -q -o -f metric-service/pom.xml package -DskipTests)"
  ./mvnw -q -o -f metric-service/pom.xml package -DskipTests
fi
# 2. the bench itself.
if [[ ! -f "$JAR" ]] \
   || [[ -n "$(find "$BENCH/src" "$BENCH/pom.xml" "$ROOT/bench/support/src" "$ROOT/bench/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
  wait_for_maven
  say "run.sh: building bench/metric (./mvnw -q -o -f bench/pom.xml -pl support,metric package -DskipTests)"
  ./mvnw -q -o -f bench/pom.xml -pl support,metric package -DskipTests
fi
mkdir -p "$WORK"
# One run at a time (they share target/run, the private copy of the service and the machine).
exec 9>"$BENCH/target/.run.lock"
flock -n 9 || die "another bench/metric/run.sh is running"
# A private copy of the service, so that someone rebuilding metric-service mid-run cannot pull it away.
rm -rf "$APP_COPY" && cp -rp "$SERVICE_APP" "$APP_COPY"

cleanup() {
  local pidfile="$WORK/metric-service.pid" pid
  if [[ -f "$pidfile" ]]; then
    pid="$(cat "$pidfile")"
    # only the process this run started: its command line names our private copy of the service
    if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$APP_COPY/quarkus-run.jar"; then
      say "run.sh: stopping metric-service (pid $pid) left behind"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  fi
  if [[ " $* " != *" --keep-database "* ]] && command -v psql >/dev/null; then
    psql -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -c "drop database if exists $DATABASE with (force)" \
      >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK/kafka"
}
trap 'cleanup "$@"' EXIT
trap 'exit 130' INT TERM

say "run.sh: metric-service at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet -- metric-service platform events 2>/dev/null || echo ' (+ uncommitted changes)'), quarkus-app built $(date -r "$SERVICE_APP/quarkus-run.jar" '+%F %T')"
timeout --signal=TERM --kill-after=60 "${BENCH_TIMEOUT:-75m}" \
  java ${BENCH_JAVA_OPTS:--Xmx4g -XX:+UseParallelGC} -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dorg.slf4j.simpleLogger.log.kafka=error -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error \
    -jar "$JAR" --app="$APP_COPY/quarkus-run.jar" --work-dir="$WORK" "$@"
