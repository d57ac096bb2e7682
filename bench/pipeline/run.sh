#!/usr/bin/env bash
# bench/pipeline/run.sh — the whole-loop benchmark (issue 7): the four services under sustained load. Data-to-alert
# latency (REST push accepted → signed webhook received) at a steady rate, the sustained end-to-end rate until goal
# progress is current, memory and CPU per service, and the raw Kafka producer and PostgreSQL COPY rates of the same
# run. Builds what is missing, runs it, cleans up.
#
#   bench/pipeline/run.sh                   # 60 s at 5,000 records/s after 45 s warm-up; 200,000 records sustained
#   bench/pipeline/run.sh --quick           # short: 30 s after 30 s warm-up; 50,000 records
#   bench/pipeline/run.sh --rate=2000 --duration=2m --records=500000
#   bench/pipeline/run.sh --help            # every option
#
# Needs PostgreSQL at 127.0.0.1:5432 (PACER_DB_HOST/PORT/USER/PASSWORD), Java 17+. Starts a Kafka broker inside the
# bench JVM and ingest-, metric-, goal- and alert-service as processes, on free ports of 127.0.0.1, over a fresh
# database (pacer_bench_pipeline, or --database=NAME) that is dropped at the end. Whole run bounded by BENCH_TIMEOUT
# (default 60m).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

SERVICES=(ingest-service metric-service goal-service alert-service)
bench_init pipeline "$@"
bench_need_postgres
for s in "${SERVICES[@]}"; do bench_build_service "$s"; done
bench_build_self
bench_lock
APPS=()
for s in "${SERVICES[@]}"; do
  APPS+=("--${s%-service}-app=$(bench_copy_service "$s")/quarkus-run.jar")
done
BENCH_SERVICES=("${SERVICES[@]}")
bench_cleanup_on_exit pacer_bench_pipeline "$@"

for s in "${SERVICES[@]}"; do bench_describe_service "$s"; done
bench_run_java 60m "-Xmx2g" --lib="$BENCH/target/lib" "${APPS[@]}" "$@"
