#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, no ZooKeeper, no Docker) for development and tests.
# The broker is run straight from the Maven Central jars (scripts/infra/kafka/pom.xml), cached outside git.
#
# Usage: scripts/infra/kafka.sh up|down|status|logs [tail args, e.g. -f]
#
# Environment:
#   KAFKA_BROKERS          set => an existing cluster is used: `up` starts nothing, `status` probes it
#   KAFKA_PORT             client port (default 9092); KAFKA_CONTROLLER_PORT defaults to KAFKA_PORT+1
#   KAFKA_STATE_DIR        data, config, log, pid (default <repo>/.infra/kafka-$KAFKA_PORT)
#   ANTREAN_CACHE_DIR      jar cache root (default ${XDG_CACHE_HOME:-~/.cache}/antrean-rujukan)
#   KAFKA_HEAP_OPTS        JVM heap (default -Xmx512m -Xms256m: 2-core machines, other services too)
#   KAFKA_START_TIMEOUT    seconds `up` waits for the broker to answer (default 60)
#   KAFKA_SCRAM_USERNAME   set (with KAFKA_SCRAM_PASSWORD) => the client listener is SASL_PLAINTEXT with
#                          SCRAM-SHA-512 and this one user, created when the storage is formatted: to try
#                          the services' KAFKA_SECURITY_PROTOCOL=sasl_plaintext locally and for the test
#                          that proves it. Production brokers add TLS (docs/operations.md).
set -euo pipefail

KAFKA_VERSION=3.9.1 # keep in step with <kafka.version> in kafka/pom.xml (the jar cache is keyed by it)

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$SCRIPT_DIR/kafka/pom.xml"
PROBE="$SCRIPT_DIR/kafka/probe.cjs"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
CACHE_ROOT="${ANTREAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/antrean-rujukan}"
DIST_DIR="$CACHE_ROOT/kafka-$KAFKA_VERSION"
LIBS_DIR="$DIST_DIR/libs"
LIBS_MARKER="$DIST_DIR/.libs-complete"
STATE_DIR="${KAFKA_STATE_DIR:-$REPO_ROOT/.infra/kafka-$KAFKA_PORT}"
CONF="$STATE_DIR/server.properties"
LOG4J_CONF="$STATE_DIR/log4j.properties"
LOG="$STATE_DIR/kafka.log"
PID_FILE="$STATE_DIR/kafka.pid"
CLUSTER_ID_FILE="$STATE_DIR/cluster-id"
DATA_DIR="$STATE_DIR/data"
BROKER="127.0.0.1:$KAFKA_PORT"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
SCRAM_USERNAME="${KAFKA_SCRAM_USERNAME:-}"
SCRAM_PASSWORD="${KAFKA_SCRAM_PASSWORD:-}"

say() { echo "[infra] $*"; }
die() {
  echo "[infra] $*" >&2
  exit 1
}
need() { # need COMMAND HOW-TO-INSTALL
  command -v "$1" >/dev/null 2>&1 || die "$1 not found; install it: $2"
}

[[ "$KAFKA_PORT" =~ ^[0-9]+$ && "$KAFKA_CONTROLLER_PORT" =~ ^[0-9]+$ ]] ||
  die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must be numbers (got '$KAFKA_PORT', '$KAFKA_CONTROLLER_PORT')"
[[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_CONTROLLER_PORT must differ from KAFKA_PORT"
[[ -z "$SCRAM_USERNAME" || -n "$SCRAM_PASSWORD" ]] || die "KAFKA_SCRAM_PASSWORD is required with KAFKA_SCRAM_USERNAME"
[[ "$SCRAM_USERNAME$SCRAM_PASSWORD" =~ ^[A-Za-z0-9._-]*$ ]] ||
  die "KAFKA_SCRAM_USERNAME/PASSWORD: letters, digits, '.', '_' and '-' only (they go into a JAAS line)"

now_ms() { date +%s%3N; }
elapsed() { # elapsed START_MS -> "4.2 s"
  local ms=$(($(now_ms) - $1))
  printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100))
}

# Fetch the broker jars once. The marker holds the pom's hash, so editing the pom (a new logging jar, say)
# refetches, while every later run skips Maven entirely.
fetch_libs() {
  local want
  want="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [[ -f "$LIBS_MARKER" && "$(cat "$LIBS_MARKER")" == "$want" ]]; then return 0; fi
  need mvn "apt-get install -y maven"
  mkdir -p "$DIST_DIR"
  # Two `up`s on a fresh machine (two ports, parallel CI jobs) must not fill the same folder at once.
  exec 8>"$DIST_DIR/.fetch.lock"
  flock 8
  if [[ -f "$LIBS_MARKER" && "$(cat "$LIBS_MARKER")" == "$want" ]]; then
    exec 8>&-
    return 0
  fi
  say "fetching Kafka $KAFKA_VERSION jars from Maven Central into $LIBS_DIR (once)"
  local tmp="$DIST_DIR/libs.tmp.$$" out
  rm -rf "$tmp"
  if ! out="$(mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies -DoutputDirectory="$tmp" 2>&1)"; then
    rm -rf "$tmp"
    echo "$out" | tail -n 30 >&2
    die "Maven could not fetch the Kafka jars (see above)"
  fi
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR" # whole folder or nothing: an interrupted fetch never looks complete
  echo "$want" >"$LIBS_MARKER"
  exec 8>&-
}

# Pid of the broker running from this state dir, if any. The command line is checked so a stale pid file
# (reused pid) or a zombie never counts as "running".
broker_pid() {
  local pid cmd
  for pid in $(cat "$PID_FILE" 2>/dev/null) $(pgrep -f 'kafka\.Kafka' 2>/dev/null); do
    cmd="$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")" || continue
    if [[ "$cmd" == *" kafka.Kafka $CONF "* ]]; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

probe() { # probe [probe.cjs options]; only our own cluster id counts as "answering"
  local script="$PROBE"
  [[ -n "$SCRAM_USERNAME" ]] && script="$SCRIPT_DIR/kafka/probe-sasl.cjs"
  KAFKA_SCRAM_USERNAME="$SCRAM_USERNAME" KAFKA_SCRAM_PASSWORD="$SCRAM_PASSWORD" \
    node "$script" "$BROKER" --cluster-id "$(cat "$CLUSTER_ID_FILE" 2>/dev/null)" "$@"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Kafka's Uuid: 16 random bytes, base64url without padding. A leading '-' would read as a CLI flag, so
# Kafka itself never hands those out; neither do we.
new_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && break
  done
  echo "$id"
}

write_config() {
  # Rewritten on every start so changes here apply to existing state dirs; the cluster id and data stay.
  local client=PLAINTEXT
  [[ -n "$SCRAM_USERNAME" ]] && client=SASL_PLAINTEXT
  cat >"$CONF" <<EOF
# Generated by scripts/infra/kafka.sh on every start: edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=$client://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=$client://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=$client
listener.security.protocol.map=$client:$client,CONTROLLER:PLAINTEXT
log.dirs=$DATA_DIR

# One broker: every internal topic must live with replication factor 1, or consumer groups and
# transactions stall ("group coordinator is not available").
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1
# 50 partitions each by default: fewer makes the first consumer group join / transaction quicker.
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
# Tests join groups constantly; the default 3 s delay would be added to every first join.
group.initial.rebalance.delay.ms=0

# The apps create their own topics; a typo must fail instead of silently creating a topic.
auto.create.topics.enable=false
num.partitions=3

# Modest retention: this is a dev/test broker.
log.retention.hours=24
log.retention.bytes=268435456
log.segment.bytes=67108864
log.retention.check.interval.ms=300000
# The log cleaner (for __consumer_offsets) takes its 128 MB default buffer out of the small heap.
log.cleaner.dedupe.buffer.size=33554432
num.network.threads=2
num.io.threads=4
EOF
  if [[ -n "$SCRAM_USERNAME" ]]; then
    cat >>"$CONF" <<EOF
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="$SCRAM_USERNAME" password="$SCRAM_PASSWORD";
EOF
  fi
  cat >"$LOG4J_CONF" <<'EOF'
# Everything to stdout, which kafka.sh sends to kafka.log in the state dir.
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel$=WARN
log4j.logger.org.apache.kafka.clients=WARN
EOF
}

java_opts() {
  # shellcheck disable=SC2206 # word splitting of the heap options is intended
  JAVA_OPTS=(${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35
    -Djava.awt.headless=true
    "-Dlog4j.configuration=file:$LOG4J_CONF" "-Dkafka.logs.dir=$STATE_DIR")
}

format_storage() {
  if [[ -f "$DATA_DIR/meta.properties" ]]; then
    # Already formatted: the data's own cluster id wins (a lost or edited cluster-id file must not make
    # the readiness probe reject our own broker).
    sed -n 's/^cluster\.id=//p' "$DATA_DIR/meta.properties" >"$CLUSTER_ID_FILE"
    return 0
  fi
  [[ -s "$CLUSTER_ID_FILE" ]] || new_cluster_id >"$CLUSTER_ID_FILE"
  say "formatting KRaft storage in $DATA_DIR (first start only)"
  local out
  local scram=()
  [[ -n "$SCRAM_USERNAME" ]] &&
    scram=(--add-scram "SCRAM-SHA-512=[name=$SCRAM_USERNAME,password=$SCRAM_PASSWORD]")
  if ! out="$(java "${JAVA_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.tools.StorageTool format \
    -t "$(cat "$CLUSTER_ID_FILE")" -c "$CONF" "${scram[@]}" 2>&1)"; then
    echo "$out" | grep -v '^	' | tail -n 20 >&2 # skip the long config dump
    die "formatting Kafka storage in $DATA_DIR failed (see above)"
  fi
}

stop_pid() { # stop_pid PID: SIGTERM (controlled shutdown), SIGKILL after 30 s
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do
    broker_pid >/dev/null || return 0
    sleep 0.2
  done
  say "broker (pid $pid) still running after 30 s: sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 25; i++)); do
    broker_pid >/dev/null || return 0
    sleep 0.2
  done
  die "could not stop broker pid $pid"
}

# Starts the broker process in the background and waits for it to answer. Sets pid; returns the
# probe's status (0 answering, 2 exited during start-up, 3 another cluster answers, else timed out).
start_broker() {
  [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1" # keep the previous run's log, start this one clean
  rm -f "$PID_FILE"
  # setsid: own session, so the broker outlives this script and its terminal, and a Ctrl-C aimed at
  # whatever ran `up` (a test runner) does not reach it. The inner shell writes its own pid and then
  # becomes java (exec), so the pid file is the broker's pid. fd 9 (our lock) is closed for the child.
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner shell
  setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
    java "${JAVA_OPTS[@]}" -cp "$LIBS_DIR/*" kafka.Kafka "$CONF" </dev/null >>"$LOG" 2>&1 9>&- &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$PID_FILE" ]] && break
    sleep 0.1
  done
  pid="$(cat "$PID_FILE" 2>/dev/null)" || die "broker did not start (no pid file); see $LOG"
  probe --wait "$START_TIMEOUT" --pid "$pid" >/dev/null 2>&1
}

port_wait_free() { # up to 10 s for our ports to be released before a second start
  local i
  for ((i = 0; i < 50; i++)); do
    port_in_use "$KAFKA_PORT" || port_in_use "$KAFKA_CONTROLLER_PORT" || return 0
    sleep 0.2
  done
}

cmd_up() {
  if [[ -n "${KAFKA_BROKERS:-}" ]]; then
    say "KAFKA_BROKERS is set: using the cluster at $KAFKA_BROKERS, not starting a local broker"
    return 0
  fi
  need java "apt-get install -y openjdk-17-jre-headless"
  need node "Node.js >= 20 (the project needs it anyway)"
  local t0 pid rc port i
  t0="$(now_ms)"
  mkdir -p "$STATE_DIR"
  # Serialise `up`/`down` on one state dir (parallel test runners calling `up` at once).
  exec 9>"$STATE_DIR/.lock"
  flock 9

  if pid="$(broker_pid)"; then
    # Already started (maybe by a parallel `up` a moment ago): just make sure it answers.
    if probe --wait "$START_TIMEOUT" --pid "$pid" >/dev/null; then
      say "Kafka already running on $BROKER (pid $pid, state $STATE_DIR)"
      echo "KAFKA_BROKERS=$BROKER"
      return 0
    fi
    tail -n 40 "$LOG" >&2 || true
    die "a broker (pid $pid) runs from $STATE_DIR but does not answer on $BROKER; try: $0 down"
  fi

  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_in_use "$port" && die "port $port on 127.0.0.1 is taken by another process; pick another KAFKA_PORT"
  done

  fetch_libs
  write_config
  java_opts
  format_storage

  local attempt
  for attempt in 1 2; do
    rc=0
    start_broker || rc=$?
    ((rc == 0)) && break
    case "$rc" in
    2) say "Kafka exited during start-up (attempt $attempt); its errors, then the last lines of $LOG:" >&2 ;;
    3) say "another Kafka cluster answers on $BROKER (port taken meanwhile?); last lines of $LOG:" >&2 ;;
    *) say "Kafka did not answer on $BROKER within ${START_TIMEOUT}s; last lines of $LOG:" >&2 ;;
    esac
    # The cause is usually far above the shutdown noise at the end of the log.
    grep -E '(ERROR|FATAL)|Exception' "$LOG" | head -n 20 >&2 || true
    echo "[infra] ..." >&2
    tail -n 25 "$LOG" >&2 || true
    if kill -0 "$pid" 2>/dev/null; then stop_pid "$pid"; fi
    rm -f "$PID_FILE"
    # A broker that died at start (a port grabbed for a moment, a slow disk) usually starts on a second
    # try; one that never answered, or a foreign cluster on the port, would not.
    if ((rc != 2 || attempt == 2)); then exit 1; fi
    port_wait_free
    say "starting Kafka again"
  done
  say "Kafka $KAFKA_VERSION up on $BROKER in $(elapsed "$t0") (pid $pid, state $STATE_DIR)"
  echo "KAFKA_BROKERS=$BROKER"
}

cmd_down() {
  local pid
  mkdir -p "$STATE_DIR"
  exec 9>"$STATE_DIR/.lock"
  flock 9
  if ! pid="$(broker_pid)"; then
    rm -f "$PID_FILE"
    say "Kafka on $BROKER is not running (state $STATE_DIR)"
    return 0
  fi
  say "stopping Kafka on $BROKER (pid $pid)"
  stop_pid "$pid"
  rm -f "$PID_FILE"
  say "Kafka on $BROKER stopped"
}

cmd_status() {
  need node "Node.js >= 20 (the project needs it anyway)"
  local pid first
  if [[ -n "${KAFKA_BROKERS:-}" ]]; then
    first="${KAFKA_BROKERS%%,*}"
    if node "$PROBE" "$first" --wait 5 >/dev/null 2>&1; then
      say "KAFKA_BROKERS cluster answers on $first"
      return 0
    fi
    say "KAFKA_BROKERS cluster does not answer on $first"
    return 1
  fi
  if ! pid="$(broker_pid)"; then
    say "Kafka on $BROKER is not running (state $STATE_DIR)"
    return 1
  fi
  if probe --wait 5 --pid "$pid" >/dev/null 2>&1; then
    say "Kafka $KAFKA_VERSION running and answering on $BROKER (pid $pid, state $STATE_DIR)"
    return 0
  fi
  say "Kafka process $pid is running but not answering on $BROKER; see: $0 logs"
  return 1
}

cmd_logs() {
  [[ -f "$LOG" ]] || die "no log yet at $LOG"
  if (($# == 0)); then set -- -n 100; fi
  tail "$@" "$LOG"
}

case "${1:-}" in
up | down | status)
  "cmd_$1"
  ;;
logs)
  shift
  cmd_logs "$@"
  ;;
*)
  echo "usage: $0 up|down|status|logs [tail args]" >&2
  exit 64
  ;;
esac
