# bench/lib.sh — what the benchmarks' run.sh scripts share. Sourced, never run:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
#   bench_init metric "$@"                  # ROOT, BENCH, WORK, JAR, DB_*; cd "$ROOT"; --help answered here
#   bench_build_service metric-service      # built only when missing or older than its sources
#   bench_build_self                        # bench/support + this bench, likewise
#   bench_lock                              # one run of this bench at a time
#   APP=$(bench_copy_service metric-service)   # a private copy of the quarkus-app
#   bench_cleanup_on_exit pacer_bench "$@"  # stops services left behind, drops the database, removes broker data
#   bench_describe_service metric-service
#   bench_run_java 75m "-Xmx4g -XX:+UseParallelGC" --app="$APP/quarkus-run.jar" "$@"
#
# Needs bash 4+, Java 17+, flock, timeout (coreutils); psql and pg_isready are used when present. Never installs
# anything: builds are `./mvnw -q -o -pl … -am package -Dmaven.test.skip=true`, one Maven at a time on this machine.

say() { printf '%s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 2; }

# bench_init NAME ARGS… — the bench's paths and database settings; answers --help (building only the bench jar).
bench_init() {
  BENCH_NAME="$1"; shift
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$ROOT"
  BENCH="$ROOT/bench/$BENCH_NAME"
  WORK="$BENCH/target/run"
  JAR="$BENCH/target/pacer-bench-$BENCH_NAME-0.1.0-SNAPSHOT.jar"
  DB_HOST="${PACER_DB_HOST:-127.0.0.1}" DB_PORT="${PACER_DB_PORT:-5432}" DB_USER="${PACER_DB_USER:-postgres}"
  BENCH_SERVICES=()
  command -v java >/dev/null || die "java (17+) is needed"
  local a
  for a in "$@"; do
    if [[ "$a" == -h || "$a" == --help ]]; then
      bench_build_self
      exec java -jar "$JAR" --help
    fi
  done
}

bench_need_postgres() {
  if command -v pg_isready >/dev/null; then
    pg_isready -q -h "$DB_HOST" -p "$DB_PORT" \
      || die "PostgreSQL is not answering at $DB_HOST:$DB_PORT (Debian: pg_ctlcluster 15 main start)"
  fi
}

# Maven must not run twice at once on this machine (shared ~/.m2): wait for another build to finish first.
bench_wait_for_maven() {
  local waited=0
  while pgrep -f 'plexus-classworlds' >/dev/null; do
    (( waited == 0 )) && say "run.sh: another Maven build is running; waiting for it (up to 15 min) before building"
    (( waited >= 900 )) && die "another Maven build is still running after 15 min; try again later"
    sleep 5; waited=$((waited + 5))
  done
}

# bench_build_service MODULE — MODULE/target/quarkus-app, built when missing or older than its sources.
bench_build_service() {
  local module="$1" app="$ROOT/$1/target/quarkus-app"
  if [[ ! -f "$app/quarkus-run.jar" ]] \
     || [[ -n "$(find "$ROOT/$module/src/main" "$ROOT/$module/pom.xml" "$ROOT/events/src/main" \
                      "$ROOT/platform/src/main" "$ROOT/pom.xml" -newer "$app/quarkus-run.jar" -type f -print -quit)" ]]; then
    bench_wait_for_maven
    # With the modules it depends on (-am), from their sources: a sibling taken from ~/.m2 may be older than the
    # checkout (a service built against a stale pacer-events failed at run time with NoClassDefFoundError).
    say "run.sh: building $module (./mvnw -q -o -pl $module -am package -Dmaven.test.skip=true)"
    ./mvnw -q -o -pl "$module" -am package -Dmaven.test.skip=true
  fi
}

# bench_build_self — bench/support and this bench, when the jar is missing or older than their sources.
bench_build_self() {
  if [[ ! -f "$JAR" ]] \
     || [[ -n "$(find "$BENCH/src" "$BENCH/pom.xml" "$ROOT/bench/support/src" "$ROOT/bench/support/pom.xml" "$ROOT/bench/pom.xml" -newer "$JAR" -type f -print -quit)" ]]; then
    bench_wait_for_maven
    say "run.sh: building bench/$BENCH_NAME (./mvnw -q -o -pl bench/support,bench/$BENCH_NAME -am package -Dmaven.test.skip=true)"
    ./mvnw -q -o -pl "bench/support,bench/$BENCH_NAME" -am package -Dmaven.test.skip=true
  fi
}

# One run of this bench at a time (runs share target/run, the private copies of the services and the machine).
bench_lock() {
  mkdir -p "$WORK"
  exec 9>"$BENCH/target/.run.lock"
  flock -n 9 || die "another bench/$BENCH_NAME/run.sh is running"
}

# bench_copy_service MODULE — prints the path of a private copy of its quarkus-app, so that someone rebuilding the
# service mid-run cannot pull the jar away. The service's pid file is $WORK/MODULE.pid (the bench writes it).
bench_copy_service() {
  local copy="$BENCH/target/$1-app"
  rm -rf "$copy" && cp -rp "$ROOT/$1/target/quarkus-app" "$copy"
  printf '%s\n' "$copy"
}

# bench_stop_left_behind MODULE — stops the service this run started, if the bench JVM died without stopping it:
# only a process whose command line names our private copy of the service.
bench_stop_left_behind() {
  local module="$1" pidfile="$WORK/$1.pid" pid copy="$BENCH/target/$1-app"
  [[ -f "$pidfile" ]] || return 0
  pid="$(cat "$pidfile")"
  if [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$copy/quarkus-run.jar"; then
    say "run.sh: stopping $module (pid $pid) left behind"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

bench_drop_database() {
  command -v psql >/dev/null || return 0
  psql -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -c "drop database if exists $1 with (force)" \
    >/dev/null 2>&1 || true
}

# bench_cleanup_on_exit DATABASE ARGS… — on exit: the services of BENCH_SERVICES left behind are stopped, DATABASE
# (or --database=NAME among ARGS) dropped unless ARGS hold --keep-database, the broker's data removed.
bench_cleanup_on_exit() {
  BENCH_DATABASE="$1"; shift
  local a
  BENCH_KEEP_DATABASE=false
  for a in "$@"; do
    case "$a" in
      --database=*) BENCH_DATABASE="${a#--database=}" ;;
      --keep-database|--keep-database=true) BENCH_KEEP_DATABASE=true ;;
    esac
  done
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local module
  for module in "${BENCH_SERVICES[@]}"; do bench_stop_left_behind "$module"; done
  if [[ "$BENCH_KEEP_DATABASE" != true && -n "${BENCH_DATABASE:-}" ]]; then bench_drop_database "$BENCH_DATABASE"; fi
  rm -rf "$WORK/kafka"
}

# bench_describe_service MODULE — which commit the service was built from, and when.
bench_describe_service() {
  local module="$1"
  say "run.sh: $module at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet -- "$module" platform events 2>/dev/null || echo ' (+ uncommitted changes)'), quarkus-app built $(date -r "$ROOT/$module/target/quarkus-app/quarkus-run.jar" '+%F %T')"
}

# bench_run_java DEFAULT_TIMEOUT DEFAULT_JAVA_OPTS ARGS… — the bench jar, bounded by BENCH_TIMEOUT (default
# DEFAULT_TIMEOUT); BENCH_JAVA_OPTS replaces DEFAULT_JAVA_OPTS. The in-JVM broker logs errors only.
bench_run_java() {
  local limit="${BENCH_TIMEOUT:-$1}" opts="${BENCH_JAVA_OPTS:-$2}"
  shift 2
  # shellcheck disable=SC2086 # the options are words
  timeout --signal=TERM --kill-after=60 "$limit" \
    java $opts -Dorg.slf4j.simpleLogger.defaultLogLevel=error -Dorg.slf4j.simpleLogger.log.kafka=error \
      -Dorg.slf4j.simpleLogger.log.org.apache.kafka=error -jar "$JAR" --work-dir="$WORK" "$@"
}
