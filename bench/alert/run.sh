#!/usr/bin/env bash
# bench/alert/run.sh — the alert-service benchmark (issue 6): latency from a goal-progress event on Kafka to the
# signed webhook call it causes. Builds what is missing, runs it, cleans up.
#
#   bench/alert/run.sh                      # 1,000 measured events at 50/s after 200 warm-up events
#   bench/alert/run.sh --events=5000 --rate=100
#   bench/alert/run.sh --help               # every option
#
# Needs PostgreSQL at 127.0.0.1:5432 (PACER_DB_HOST/PORT/USER/PASSWORD), Java 17+. Starts a Kafka broker inside the
# bench JVM and alert-service as a process, on free ports of 127.0.0.1, with a fresh database (pacer_bench_alert, or
# --database=NAME) that is dropped at the end. Whole run bounded by BENCH_TIMEOUT (default 75m).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

bench_init alert "$@"
bench_need_postgres
bench_build_service alert-service
bench_build_self
bench_lock
APP="$(bench_copy_service alert-service)"
BENCH_SERVICES=(alert-service)
bench_cleanup_on_exit pacer_bench_alert "$@"

bench_describe_service alert-service
bench_run_java 75m "-Xmx4g -XX:+UseParallelGC" --app="$APP/quarkus-run.jar" "$@"
