#!/usr/bin/env bash
# bench/ingest/run.sh — the ingest-service benchmark (issue 4): REST push throughput (batches of 1,000, acks=all)
# beside Kafka's own ProducerPerformance in the same run, once with Kafka's producer defaults and once with the
# producer settings ingest-service logs at start. Builds what is missing, runs it, cleans up.
#
#   bench/ingest/run.sh                          # 200,000 records after 600,000 of warm-up, 4 concurrent pushes
#   bench/ingest/run.sh --service-java-opts="-Xmx1g -XX:StartFlightRecording=filename=/tmp/ingest.jfr,settings=profile"
#   bench/ingest/run.sh --records=50000 --concurrency=8
#   bench/ingest/run.sh --help                   # every option
#
# Needs PostgreSQL at 127.0.0.1:5432 (PACER_DB_HOST/PORT/USER/PASSWORD), Java 17+. Starts a Kafka broker inside the
# bench JVM and ingest-service as a process, on free ports of 127.0.0.1, with a fresh database (pacer_bench_ingest)
# that is dropped at the end. Whole run bounded by BENCH_TIMEOUT (default 30m).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

bench_init ingest "$@"
bench_need_postgres
bench_build_service ingest-service
bench_build_self
bench_lock
APP="$(bench_copy_service ingest-service)"
BENCH_SERVICES=(ingest-service)
bench_cleanup_on_exit pacer_bench_ingest "$@"

bench_describe_service ingest-service
bench_run_java 30m "-Xmx2g" --app="$APP/quarkus-run.jar" --lib="$BENCH/target/lib" "$@"
