#!/usr/bin/env bash
# bench/metric/run.sh — the metric-service benchmark (issue 3): builds what is missing, runs it, cleans up.
#
#   bench/metric/run.sh                      # 1,000,000 records; query latency over all 1,400,000 facts
#   bench/metric/run.sh --records=20000 --query-facts=100000 --queries=200   # a quick run
#   bench/metric/run.sh --profile            # adds a database-side profile of the loads
#   bench/metric/run.sh --help               # every option
#
# Needs PostgreSQL at 127.0.0.1:5432 (PACER_DB_HOST/PORT/USER/PASSWORD), Java 17+. Starts a Kafka broker inside the
# bench JVM and metric-service as a process, on free ports of 127.0.0.1, with a fresh database (pacer_bench, or
# --database=NAME) that is dropped at the end. Whole run bounded by BENCH_TIMEOUT (default 75m).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

bench_init metric "$@"
bench_need_postgres
bench_build_service metric-service
bench_build_self
bench_lock
APP="$(bench_copy_service metric-service)"
BENCH_SERVICES=(metric-service)
bench_cleanup_on_exit pacer_bench "$@"

bench_describe_service metric-service
# The bench JVM's heap is fixed, with a large young generation: the producer's and the broker's buffers then die young
# instead of being promoted beside the ~1.2 GB of serialised records, which made its collector run full collections
# inside the measured window (1.4–4.1 s of its CPU there, taken from the service; 0.5 s with this heap).
bench_run_java 75m "-Xms4g -Xmx4g -Xmn1536m -XX:+UseParallelGC" --app="$APP/quarkus-run.jar" "$@"
