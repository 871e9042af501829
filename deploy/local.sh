#!/usr/bin/env bash
#
# deploy/local.sh — run the whole ClawOps stack on this machine, without Docker.
#
#   deploy/local.sh up             build what is missing, then start (or keep) everything
#   deploy/local.sh up --infra     only Kafka, PostgreSQL and the topics (e.g. for services run
#                                  with `./mvnw quarkus:dev`, whose dev profile points here)
#   deploy/local.sh down           stop everything this script started
#   deploy/local.sh status         table of components: pid, port, state; exit 0 when all healthy
#   deploy/local.sh demo           (stack up) one claw per sim-agent scenario, plus a missing
#                                  repository and a missing credential; shows them settle live and
#                                  checks each against its scenario (deploy/demo/); exit 0 when all
#                                  settled as predicted
#                                  When the agent CLIs are installed (see "Real agent CLIs" below)
#                                  it adds claws that run Claude Code, Codex and Gemini CLI against
#                                  the scripted model provider, which it starts for the demo on
#                                  127.0.0.1:18090 (CLAWOPS_DEMO_PROVIDER_PORT) and stops after
#   deploy/local.sh bench [WHICH]  (stack up) benchmarks that print figures, to
#                                  .clawops/bench/results-*.txt too; WHICH: fold (fold throughput
#                                  against a plain consumer, event -> REST latency under load),
#                                  scheduling (deploy/bench/Bench.java), soak (database sizes under
#                                  a heartbeat load); none: fold, then scheduling. Parameters:
#                                  BENCH_* variables (deploy/bench/FoldBench.java, README)
#   deploy/local.sh logs           list the log files
#   deploy/local.sh logs NAME [-f] last 200 lines of one log (-f: follow); NAME is a component
#                                  (kafka, postgres, status-service, provisioner-service,
#                                  runner-1, ...) or "build"
#
# What `up` starts (all bound to this machine):
#   kafka                standalone KRaft broker (kafka_2.13 jars from deploy/target/kafka/libs)
#                        localhost:19092, controller on 19093, data in .clawops/data/kafka
#   postgres             PostgreSQL 17 (binaries from deploy/target/postgres) on localhost:15432,
#                        database/role/password clawops/clawops/clawops, data in .clawops/data/postgres
#   status-service       http://localhost:8080   (REST API, operator page)
#   provisioner-service  http://localhost:8081   (POST /api/claws)
#   runner-1 … runner-N  http://localhost:8082, 8083, …
# and creates the topics claw.bootstrap claw.tasks claw.events claw.heartbeats claw.commands
# claw.status claw.dlq.
#
# Environment:
#   RUNNERS=N                    number of runner-service instances (default 1)
#   CLAWOPS_API_TOKEN            bearer token for /api (default: generated once into .clawops/api-token)
#   CLAWOPS_RUNTIMES_FILE        extra runtime profiles for the runners (JSON), passed through
#   CLAWOPS_TOPIC_PARTITIONS     partitions per topic (default 12)
#   CLAWOPS_REBUILD=1            run the build (./mvnw -B package -DskipTests, formatting check
#                                skipped) even if everything is built
#   CLAWOPS_START_TIMEOUT        seconds to wait for each component to become healthy (default 120)
#   CLAWOPS_STOP_GRACE           seconds between SIGTERM and SIGKILL on `down` (default 30)
#   CLAWOPS_STATUS_HEAP          status-service's maximum heap, as java -Xmx takes it (default 1g)
#   CLAWOPS_STATUS_GC            status-service's garbage collector, as -XX:+Use<name>GC takes it
#                                (default Parallel; e.g. G1, Serial)
#   CLAWOPS_CDS=0                no class-data-sharing archives (see .clawops/cds below)
#   CLAWOPS_DEMO_TIMEOUT         seconds `demo` waits for its claws to settle (default 180; 300
#                                with the real-CLI claws)
#   CLAWOPS_DEMO_PROVIDER_PORT   port of the demo's scripted model provider (default 18090; read by
#                                `up` for the runtimes file and by `demo`)
#   JAVA_HOME                    Java 17+ to use (default: java on PATH)
#
# Real agent CLIs: when `claude`, `codex` or `gemini` is found (agent-clis/target/agent-clis/
# node_modules/.bin, installed by the build's agent-clis module, else on PATH) and no
# CLAWOPS_RUNTIMES_FILE is given, `up` writes .clawops/runtimes-agents.json, which points the
# built-in claude-code, codex and gemini profiles at those binaries and at the demo's scripted model
# provider (http://127.0.0.1:18090), with a fake API key (.clawops/demo-provider-key, handed to the
# runners as CLAWOPS_SECRET_DEMO_PROVIDER_KEY). The profiles found are listed in
# .clawops/run/agent-runtimes; `demo` runs its real-CLI claws only for those.
#
# State lives in .clawops/ at the repository root (git-ignored):
#   logs/<name>.log   one log per component (kafka.log is the broker's log4j log, kafka.out its
#                     console; build.log the last build), previous run's log kept as <name>.log.prev
#   run/<name>.pid    pid of each process started here (`down` stops exactly these)
#   data/             Kafka and PostgreSQL data (delete it, while down, for a clean slate)
#   workspaces/       claw workspaces (CLAWOPS_WORKSPACES_ROOT of provisioner and runners)
#   demo/             `demo`: repos/ (the git repository its claws clone), runs/<workflowRunId>/
#   api-token         the API token (mode 600)
#   cds/              class-data-sharing archives: each JVM's first run records the classes it
#                     loaded (written when it exits), later starts map them (about half the JVM
#                     start-up time); re-recorded when the jars or the JDK change
#
# `up` is idempotent: components that already run (pid file + live process + matching command
# line) are left alone; a port taken by something else is an error. Configuration changes
# (RUNNERS aside, which only adds runners) take effect after `down` + `up`.
# PostgreSQL refuses to run as root: as root, its commands run under `unshare -U`.

set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"

STATE="$ROOT/.clawops"
LOGS="$STATE/logs"
RUN="$STATE/run"
DATA="$STATE/data"
CONF="$STATE/conf"
TMPDIR_JVM="$STATE/tmp"
WORKSPACES="$STATE/workspaces"
TOKEN_FILE="$STATE/api-token"
CDS_DIR="$STATE/cds"
PG_DIST="$STATE/postgres-dist"
PGDATA_DIR="$DATA/postgres"
KAFKA_DATA="$DATA/kafka"

KAFKA_LIBS="$ROOT/deploy/target/kafka/libs"
PG_TXZ="$ROOT/deploy/target/postgres/postgres-linux-x86_64.txz"
KAFKA_LOG4J="$ROOT/deploy/kafka-log4j2.xml"
CREATE_TOPICS="$ROOT/deploy/CreateTopics.java"

KAFKA_PORT=19092
KAFKA_CONTROLLER_PORT=19093
PG_PORT=15432
STATUS_PORT=8080
PROVISIONER_PORT=8081
RUNNER_BASE_PORT=8082
DEMO_PROVIDER_PORT="${CLAWOPS_DEMO_PROVIDER_PORT:-18090}"
AGENT_BIN="$ROOT/agent-clis/target/agent-clis/node_modules/.bin"
AGENT_RUNTIMES_FILE="$STATE/runtimes-agents.json"
DEMO_KEY_FILE="$STATE/demo-provider-key"
PROVIDER_JAR="$ROOT/model-provider/target/model-provider-0.1.0-SNAPSHOT.jar"

KAFKA_BOOTSTRAP="localhost:$KAFKA_PORT"
JDBC_URL="jdbc:postgresql://localhost:$PG_PORT/clawops"
TOPICS=(claw.bootstrap claw.tasks claw.events claw.heartbeats claw.commands claw.status claw.dlq)
SERVICES=(status-service provisioner-service runner-service)

PARTITIONS="${CLAWOPS_TOPIC_PARTITIONS:-12}"
START_TIMEOUT="${CLAWOPS_START_TIMEOUT:-120}"
STOP_GRACE="${CLAWOPS_STOP_GRACE:-30}"

JAVA="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
fi

# ---------------------------------------------------------------------------------------------
# Output helpers

say() { printf '==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
UP_HINT=""
die() {
  printf 'error: %s\n' "$*" >&2
  [[ -z "$UP_HINT" ]] || printf '%s\n' "$UP_HINT" >&2
  exit 1
}

usage() {
  cat <<EOF
usage: deploy/local.sh <command>

commands:
  up [--infra]     build what is missing, start Kafka, PostgreSQL and the services
                   (--infra: Kafka, PostgreSQL and the topics only)
  down             stop everything started by 'up'
  status           show each component's pid, port and state
  logs [NAME] [-f] list logs, or show (follow with -f) one component's log
  demo             with the stack up: create one claw per bundled scenario and watch
                   them settle (exit 0 when each settled as its scenario predicts)
  bench [WHICH]    with the stack up: benchmarks that print figures (and assert nothing);
                   no WHICH: fold, then scheduling
                     fold        fold throughput against a plain consumer, and event ->
                                 REST latency under background load (BENCH_* variables)
                     scheduling  task dispatch; started with one runner it adds two and
                                 compares
                     soak        database sizes under a constant heartbeat load

environment: RUNNERS, CLAWOPS_API_TOKEN, CLAWOPS_RUNTIMES_FILE, CLAWOPS_TOPIC_PARTITIONS,
             CLAWOPS_REBUILD=1, CLAWOPS_START_TIMEOUT, CLAWOPS_STOP_GRACE, JAVA_HOME,
             CLAWOPS_DEMO_TIMEOUT
             (details at the top of $0)
EOF
}

now_ms() { date +%s%3N; }

# Milliseconds since $1 as seconds with one decimal, e.g. "2.4s".
elapsed() {
  local ms=$(($(now_ms) - $1))
  printf '%d.%ds' $((ms / 1000)) $(((ms % 1000) / 100))
}

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }

# The last lines of a log, indented, for error messages.
log_tail() {
  local file="$1" lines="${2:-25}"
  if [[ -s "$file" ]]; then
    printf '    --- last %s lines of %s ---\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" | sed 's/^/    | /' >&2
  fi
}

# ---------------------------------------------------------------------------------------------
# Components: kafka, postgres, status-service, provisioner-service, runner-1 … runner-N

runner_count() {
  if [[ -n "${RUNNERS:-}" ]]; then
    printf '%s\n' "$RUNNERS"
  elif [[ -s "$RUN/runners" ]]; then
    cat "$RUN/runners"
  else
    echo 1
  fi
}

# Runner names: 1…count plus any runner that still has a pid file.
runner_names() {
  local count="$1" i f n
  local -A seen=()
  for ((i = 1; i <= count; i++)); do
    seen["runner-$i"]=1
  done
  for f in "$RUN"/runner-*.pid; do
    [[ -e "$f" ]] || continue
    n="$(basename "$f" .pid)"
    [[ "$n" =~ ^runner-[0-9]+$ ]] && seen["$n"]=1
  done
  ((${#seen[@]} > 0)) || return 0
  printf '%s\n' "${!seen[@]}" | sort -t- -k2,2n
}

service_names() {
  local count="$1"
  echo status-service
  echo provisioner-service
  runner_names "$count"
}

port_of() {
  case "$1" in
    kafka) echo "$KAFKA_PORT" ;;
    postgres) echo "$PG_PORT" ;;
    status-service) echo "$STATUS_PORT" ;;
    provisioner-service) echo "$PROVISIONER_PORT" ;;
    runner-*) echo $((RUNNER_BASE_PORT + ${1#runner-} - 1)) ;;
    *) return 1 ;;
  esac
}

# Every port a component listens on.
ports_of() {
  case "$1" in
    kafka) echo "$KAFKA_PORT $KAFKA_CONTROLLER_PORT" ;;
    *) port_of "$1" ;;
  esac
}

module_of() {
  case "$1" in
    runner-*) echo runner-service ;;
    *) echo "$1" ;;
  esac
}

jar_of() { echo "$ROOT/$(module_of "$1")/target/quarkus-app/quarkus-run.jar"; }

log_of() {
  case "$1" in
    kafka) echo "$LOGS/kafka.log" ;;
    *) echo "$LOGS/$1.log" ;;
  esac
}

pid_file() { echo "$RUN/$1.pid"; }

# Is process $1 alive? (A zombie, exited but not yet reaped by its parent, is not.)
alive() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

cmdline_of() {
  [[ -r "/proc/$1/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null
}

# Does process $2 look like component $1 started by this script from this checkout?
matches() {
  local name="$1" pid="$2" cmd
  cmd="$(cmdline_of "$pid")" || return 1
  case "$name" in
    postgres) [[ "$cmd" == *"$PG_DIST/bin/postgres"* && "$cmd" == *"$PGDATA_DIR"* ]] ;;
    *) [[ "$cmd" == *"-Dclawops-local.component=$name "* && "$cmd" == *"-Dclawops-local.root=$ROOT "* ]] ;;
  esac
}

# Prints the pid of component $1 when it runs (pid file, live process, matching command line).
# A pid file that no longer matches is removed.
running_pid() {
  local name="$1" file pid=""
  file="$(pid_file "$name")"
  if [[ -s "$file" ]]; then
    pid="$(head -n1 "$file")"
  elif [[ "$name" == postgres && -s "$PGDATA_DIR/postmaster.pid" ]]; then
    pid="$(head -n1 "$PGDATA_DIR/postmaster.pid")" # PostgreSQL's own pid file
  fi
  if is_uint "$pid" && alive "$pid" && matches "$name" "$pid"; then
    printf '%s\n' "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

# ---------------------------------------------------------------------------------------------
# Ports and health

port_listening() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -ltnH "sport = :$port" 2>/dev/null)" ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

port_owner() {
  local port="$1" owner=""
  if command -v ss >/dev/null 2>&1; then
    owner="$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'users:.*' | head -n1 || true)"
  fi
  printf '%s\n' "${owner:-an unknown process}"
}

healthy() {
  curl -fsS -m 3 -o /dev/null "http://127.0.0.1:$1/q/health" 2>/dev/null
}

# Is component $1 (known to run as pid $2) ready for work?
component_healthy() {
  case "$1" in
    kafka | postgres) port_listening "$(port_of "$1")" ;;
    *) healthy "$(port_of "$1")" ;;
  esac
}

# Waits until component $1 (pid $2) listens on its port and, for services, reports UP.
# $3: when it was started (ms), to report how long it took; empty when it was already running.
wait_ready() {
  local name="$1" pid="$2" started="${3:-}" port deadline body
  port="$(port_of "$name")"
  deadline=$(($(now_ms) + START_TIMEOUT * 1000))
  while :; do
    if ! alive "$pid"; then
      [[ "$name" == kafka ]] && log_tail "$LOGS/kafka.out" 10
      log_tail "$(log_of "$name")"
      die "$name (pid $pid) exited while starting; see $(log_of "$name")"
    fi
    if component_healthy "$name" "$pid"; then
      if [[ -n "$started" ]]; then
        info "$name ready on port $port ($(elapsed "$started") after start)"
      else
        info "$name ready on port $port"
      fi
      return 0
    fi
    if (($(now_ms) > deadline)); then
      log_tail "$(log_of "$name")"
      if ! port_listening "$port"; then
        die "$name (pid $pid) did not open port $port within ${START_TIMEOUT}s; see $(log_of "$name")"
      fi
      body="$(curl -sS -m 3 "http://127.0.0.1:$port/q/health" 2>&1 | tr -s ' \n' ' ' | cut -c1-400 || true)"
      die "$name (pid $pid) not healthy after ${START_TIMEOUT}s: $body; see $(log_of "$name")"
    fi
    sleep 0.3
  done
}

# ---------------------------------------------------------------------------------------------
# Build

check_java() {
  local line major
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (install Java 17+ or set JAVA_HOME)"
  line="$("$JAVA" -version 2>&1 | head -n1)"
  major="$(sed -E 's/.*version "([0-9]+)(\.[0-9]+)*.*/\1/' <<<"$line")"
  if ! is_uint "$major" || ((major < 17)); then
    die "Java 17 or newer required, found: $line"
  fi
}

# What `up` needs but is not built; $1 = "infra" leaves out the service jars.
missing_artifacts() {
  local s
  if [[ "${1:-}" != infra ]]; then
    for s in "${SERVICES[@]}"; do
      [[ -f "$ROOT/$s/target/quarkus-app/quarkus-run.jar" ]] || echo "$s/target/quarkus-app/quarkus-run.jar"
    done
  fi
  compgen -G "$KAFKA_LIBS/kafka_2.13-*.jar" >/dev/null || echo "deploy/target/kafka/libs"
  [[ -f "$PG_TXZ" ]] || echo "deploy/target/postgres/postgres-linux-x86_64.txz"
}

build_if_needed() {
  local scope="$1" missing started rc
  # Formatting is checked by `./mvnw verify`; it need not stop the stack from starting.
  local -a mvn=(./mvnw -B package -DskipTests -Dspotless.check.skip=true)
  [[ "$scope" == infra ]] && mvn+=(-pl deploy)
  missing="$(missing_artifacts "$scope")"
  if [[ -z "$missing" && "${CLAWOPS_REBUILD:-0}" != 1 ]]; then
    return 0
  fi
  started="$(now_ms)"
  if [[ -n "$missing" ]]; then
    say "Building (missing: $(tr '\n' ' ' <<<"$missing"| sed 's/ $//'))"
  else
    say "Building (CLAWOPS_REBUILD=1)"
  fi
  info "${mvn[*]} — full output in $LOGS/build.log"
  set +e
  (cd "$ROOT" && "${mvn[@]}") 2>&1 |
    tee "$LOGS/build.log" |
    grep --line-buffered -E '^\[INFO\] Building .*\[[0-9]+/[0-9]+\]$|^\[INFO\] BUILD|^\[ERROR\]|^\[INFO\] Total time' |
    sed -u 's/^/    /'
  rc="${PIPESTATUS[0]}"
  set -e
  if [[ "$rc" != 0 ]]; then
    die "build failed (exit $rc); see $LOGS/build.log"
  fi
  missing="$(missing_artifacts "$scope")"
  [[ -z "$missing" ]] || die "build succeeded but these are still missing: $(tr '\n' ' ' <<<"$missing")"
  info "built in $(elapsed "$started")"
}

# ---------------------------------------------------------------------------------------------
# Processes

# Moves the previous log aside, so each start has a fresh log and the last one stays readable.
rotate_log() {
  if [[ -e "$1" ]]; then
    mv -f "$1" "$1.prev"
  fi
}

# Starts a JVM in its own session (so it outlives this shell and ignores the terminal), stdout and
# stderr to $log; sets SPAWNED_PID. Usage: spawn NAME LOG [ENV-ARGUMENT …] -- JAVA ARGS…
# (ENV-ARGUMENTs go to env(1): NAME=VALUE, or -u NAME to drop an inherited variable.)
spawn() {
  local name="$1" log="$2"
  shift 2
  local -a envs=()
  while [[ "$1" != -- ]]; do
    envs+=("$1")
    shift
  done
  shift
  rotate_log "$log"
  (cd "$STATE" && exec env "${envs[@]}" setsid "$@") >"$log" 2>&1 </dev/null 9>&- &
  SPAWNED_PID=$!
  printf '%s\n' "$SPAWNED_PID" >"$(pid_file "$name")"
}

# Common JVM flags: the markers that let `running_pid` recognise our processes. (Not under
# `clawops.`: the services map that prefix strictly and refuse to start on a property they do not
# know.)
jvm_flags() {
  printf '%s\n' "-Dclawops-local.component=$1" "-Dclawops-local.root=$ROOT" \
    "-Djava.io.tmpdir=$TMPDIR_JVM" "-Djava.awt.headless=true"
}

# The JVM flag for class-data sharing of archive $1, used by the JVM of instance $2 whose classes
# come from the files under $3… (their names, sizes and mtimes, with the JDK version, key the
# archive). Prints -XX:SharedArchiveFile when a matching archive exists, else
# -XX:ArchiveClassesAtExit so that this JVM records one when it exits (an instance-specific file,
# promoted by a later call once that JVM is gone); nothing with CLAWOPS_CDS=0.
cds_flag() {
  local archive="$1" instance="$2" stamp f inst
  shift 2
  [[ "${CLAWOPS_CDS:-1}" != 0 ]] || return 0
  mkdir -p "$CDS_DIR"
  stamp="$({ "$JAVA" -version 2>&1; ls -lR --time-style=+%s "$@"; } 2>/dev/null | cksum)"
  for f in "$CDS_DIR/$archive".*.new.jsa; do
    [[ -e "$f" ]] || continue
    inst="${f#"$CDS_DIR/$archive."}"
    inst="${inst%.new.jsa}"
    running_pid "$inst" >/dev/null && continue # it writes the archive when it exits
    if [[ "$(cat "${f%.jsa}.stamp" 2>/dev/null)" == "$stamp" ]]; then
      mv -f "$f" "$CDS_DIR/$archive.jsa"
      printf '%s\n' "$stamp" >"$CDS_DIR/$archive.stamp"
    else
      rm -f "$f"
    fi
    rm -f "${f%.jsa}.stamp"
  done
  # Archiving is best effort: what it cannot archive (e.g. generated classes) is not news.
  printf '%s\n' "-Xlog:cds*=off"
  if [[ -s "$CDS_DIR/$archive.jsa" && "$(cat "$CDS_DIR/$archive.stamp" 2>/dev/null)" == "$stamp" ]]; then
    printf '%s\n' "-XX:SharedArchiveFile=$CDS_DIR/$archive.jsa"
  else
    rm -f "$CDS_DIR/$archive.jsa" "$CDS_DIR/$archive.stamp"
    printf '%s\n' "$stamp" >"$CDS_DIR/$archive.$instance.new.stamp"
    printf '%s\n' "-XX:ArchiveClassesAtExit=$CDS_DIR/$archive.$instance.new.jsa"
  fi
}

# Sends SIGTERM to each pid, waits up to STOP_GRACE seconds, SIGKILLs what is left (with the rest
# of its process group, e.g. agent processes of a runner). Usage: stop_pids NAME=PID …
stop_pids() {
  local entry name pid deadline any i
  local -a pids=() names=()
  for entry in "$@"; do
    names+=("${entry%%=*}")
    pids+=("${entry#*=}")
  done
  ((${#pids[@]} > 0)) || return 0
  for i in "${!pids[@]}"; do
    info "stopping ${names[$i]} (pid ${pids[$i]})"
    kill -TERM "${pids[$i]}" 2>/dev/null || true
  done
  deadline=$(($(now_ms) + STOP_GRACE * 1000))
  while :; do
    any=0
    for pid in "${pids[@]}"; do
      if alive "$pid"; then
        any=1
      fi
    done
    ((any)) || break
    if (($(now_ms) > deadline)); then
      for i in "${!pids[@]}"; do
        if alive "${pids[$i]}"; then
          warn "${names[$i]} (pid ${pids[$i]}) still running after ${STOP_GRACE}s: SIGKILL"
          kill -KILL "${pids[$i]}" 2>/dev/null || true
        fi
      done
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  # Leftovers in each process group (a runner's agents, if the runner did not stop them). The
  # group id is the leader's pid (setsid), which the kernel does not reuse while the group lives.
  for pid in "${pids[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

# PostgreSQL refuses to run as root; a user namespace makes it see an unprivileged user.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then
    unshare -U "$@"
  else
    "$@"
  fi
}

pg_socket_dir() {
  local dir="$RUN/pg"
  # A unix socket path has at most 107 bytes; without room, PostgreSQL listens on TCP only.
  if ((${#dir} + 16 > 107)); then
    echo ""
  else
    echo "$dir"
  fi
}

# Extracts the binaries once per archive (size and mtime recorded; a new version re-extracts).
pg_extract() {
  local started stamp
  stamp="$(stat -c '%s %Y' "$PG_TXZ")"
  if [[ -x "$PG_DIST/bin/postgres" && "$(cat "$PG_DIST/.archive" 2>/dev/null)" == "$stamp" ]]; then
    return 0
  fi
  started="$(now_ms)"
  say "Extracting PostgreSQL binaries into .clawops/postgres-dist"
  rm -rf "$PG_DIST.partial"
  mkdir -p "$PG_DIST.partial"
  tar -xJf "$PG_TXZ" -C "$PG_DIST.partial"
  printf '%s\n' "$stamp" >"$PG_DIST.partial/.archive"
  rm -rf "$PG_DIST"
  mv "$PG_DIST.partial" "$PG_DIST"
  info "done ($(elapsed "$started"))"
}

pg_init() {
  [[ -f "$PGDATA_DIR/PG_VERSION" ]] && return 0
  local started tmp="$DATA/postgres.partial" out
  started="$(now_ms)"
  say "Initialising PostgreSQL data directory (.clawops/data/postgres)"
  if [[ "$(id -u)" == 0 ]] && ! unshare -U true 2>/dev/null; then
    die "running as root, and 'unshare -U' is not permitted here: PostgreSQL refuses to run as root; run local.sh as an ordinary user"
  fi
  rm -rf "$tmp"
  if ! as_pg "$PG_DIST/bin/initdb" -D "$tmp" -U postgres -A trust -E UTF8 --no-locale \
    >"$LOGS/postgres-initdb.log" 2>&1; then
    log_tail "$LOGS/postgres-initdb.log"
    die "initdb failed; see $LOGS/postgres-initdb.log"
  fi
  cat >>"$tmp/postgresql.conf" <<'EOF'

# deploy/local.sh (port, listen address and socket directory are given on the command line)
shared_buffers = 256MB
max_connections = 50
# The fold rewrites claw documents in large batches: room for WAL between checkpoints, and
# compressed full-page images, keep the log (fsync and synchronous commit stay on) from dominating.
max_wal_size = 4GB
checkpoint_timeout = 15min
wal_compression = on
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  # Role and database through single-user mode (the binaries ship no psql); one statement per line.
  out="$(printf '%s\n' "CREATE ROLE clawops LOGIN PASSWORD 'clawops'" \
    "CREATE DATABASE clawops OWNER clawops" |
    as_pg "$PG_DIST/bin/postgres" --single -D "$tmp" postgres 2>&1)" || {
    printf '%s\n' "$out" >"$LOGS/postgres-initdb.log"
    die "creating the clawops role and database failed; see $LOGS/postgres-initdb.log"
  }
  if grep -qE 'ERROR|FATAL' <<<"$out"; then
    printf '%s\n' "$out" >>"$LOGS/postgres-initdb.log"
    die "creating the clawops role and database failed: $(grep -E 'ERROR|FATAL' <<<"$out" | head -n1)"
  fi
  mv "$tmp" "$PGDATA_DIR"
  info "done ($(elapsed "$started"))"
}

pg_start() {
  local pid started sock opts
  if pid="$(running_pid postgres)"; then
    printf '%s\n' "$pid" >"$(pid_file postgres)"
    info "postgres already running (pid $pid)"
    return 0
  fi
  pg_extract
  pg_init
  started="$(now_ms)"
  say "Starting PostgreSQL on localhost:$PG_PORT"
  sock="$(pg_socket_dir)"
  [[ -n "$sock" ]] && mkdir -p "$sock"
  # wal_init_zero=off: a new WAL segment is not filled with zeros first. Until checkpoints recycle
  # segments (a young database), the commit that opens each 16 MB segment would wait for its zeros
  # to be written and synced: under the bench's live load a 60-190 ms round every 1.3 s (DESIGN §9).
  # On the command line, so a data directory made before the setting gets it too.
  opts="-p $PG_PORT -h 127.0.0.1 -k '$sock' -c wal_init_zero=off"
  rotate_log "$LOGS/postgres.log"
  # 9>&-: the lock of this script must not live on in the server.
  if ! as_pg "$PG_DIST/bin/pg_ctl" -D "$PGDATA_DIR" -l "$LOGS/postgres.log" -o "$opts" \
    -w -t "$START_TIMEOUT" -s start 9>&-; then
    log_tail "$LOGS/postgres.log"
    die "PostgreSQL did not start; see $LOGS/postgres.log"
  fi
  pid="$(head -n1 "$PGDATA_DIR/postmaster.pid")"
  printf '%s\n' "$pid" >"$(pid_file postgres)"
  info "postgres ready on port $PG_PORT, pid $pid ($(elapsed "$started"))"
}

pg_stop() {
  local pid
  if ! pid="$(running_pid postgres)"; then
    rm -f "$(pid_file postgres)"
    return 0
  fi
  info "stopping postgres (pid $pid)"
  if ! as_pg "$PG_DIST/bin/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t "$STOP_GRACE" -s stop; then
    warn "pg_ctl stop failed; signalling postgres (pid $pid) directly"
    stop_pids "postgres=$pid"
  fi
  rm -f "$(pid_file postgres)"
}

# ---------------------------------------------------------------------------------------------
# Kafka

# Kafka's command-line tools (no log4j file configuration: errors go to the console).
kafka_tool() {
  "$JAVA" -Xmx256m -cp "$KAFKA_LIBS/*" "$@"
}

kafka_config() {
  mkdir -p "$CONF"
  cat >"$CONF/kafka.properties" <<EOF
# Written by deploy/local.sh on every start: a single-node KRaft broker and controller.
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://localhost:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
log.dirs=$KAFKA_DATA
num.partitions=$PARTITIONS
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
}

kafka_format() {
  [[ -f "$KAFKA_DATA/meta.properties" ]] && return 0
  local id
  say "Formatting Kafka storage (.clawops/data/kafka)"
  rm -rf "$KAFKA_DATA"
  id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka-format.log")"
  [[ -n "$id" ]] || die "kafka StorageTool random-uuid printed nothing; see $LOGS/kafka-format.log"
  if ! kafka_tool kafka.tools.StorageTool format --standalone -t "$id" -c "$CONF/kafka.properties" \
    >>"$LOGS/kafka-format.log" 2>&1; then
    log_tail "$LOGS/kafka-format.log"
    die "formatting Kafka storage failed; see $LOGS/kafka-format.log"
  fi
  info "cluster id $id"
}

# Starts the broker unless it runs; sets KAFKA_PID and KAFKA_STARTED (empty when it already ran).
kafka_start() {
  KAFKA_STARTED=""
  if KAFKA_PID="$(running_pid kafka)"; then
    info "kafka already running (pid $KAFKA_PID)"
    return 0
  fi
  kafka_config
  kafka_format
  say "Starting Kafka on $KAFKA_BOOTSTRAP (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT)"
  KAFKA_STARTED="$(now_ms)"
  rotate_log "$LOGS/kafka.log"
  local -a flags
  mapfile -t flags < <(jvm_flags kafka; cds_flag kafka kafka "$KAFKA_LIBS")
  spawn kafka "$LOGS/kafka.out" -- "$JAVA" -Xmx512m "${flags[@]}" \
    -Dlog4j2.configurationFile="$KAFKA_LOG4J" -Dclawops.logs.dir="$LOGS" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$CONF/kafka.properties"
  KAFKA_PID="$SPAWNED_PID"
  info "kafka pid $KAFKA_PID, log $LOGS/kafka.log"
}

# Runs deploy/CreateTopics.java against the broker's jars. Compiled once into
# .clawops/tools/create-topics.jar (saves the source launcher's compilation on every `up`, and
# allows class-data sharing); without javac and jar, launched from source.
create_topics() {
  local tools="$STATE/tools" jar="$STATE/tools/create-topics.jar" bin="${JAVA%java}"
  if [[ ! -f "$jar" || "$CREATE_TOPICS" -nt "$jar" ]] &&
    command -v "${bin}javac" >/dev/null 2>&1 && command -v "${bin}jar" >/dev/null 2>&1; then
    rm -rf "$tools/classes" "$jar"
    mkdir -p "$tools/classes"
    if ! { "${bin}javac" -nowarn -d "$tools/classes" -cp "$KAFKA_LIBS/*" "$CREATE_TOPICS" &&
      "${bin}jar" cf "$jar.tmp" -C "$tools/classes" . && mv -f "$jar.tmp" "$jar"; } >&2; then
      rm -f "$jar" "$jar.tmp"
    fi
  fi
  if [[ -f "$jar" && ! "$CREATE_TOPICS" -nt "$jar" ]]; then
    local -a cds
    mapfile -t cds < <(cds_flag create-topics create-topics "$jar" "$KAFKA_LIBS")
    "$JAVA" -Xmx128m ${cds[@]+"${cds[@]}"} -cp "$jar:$KAFKA_LIBS/*" CreateTopics "$@"
  else
    "$JAVA" -Xmx128m -cp "$KAFKA_LIBS/*" "$CREATE_TOPICS" "$@"
  fi
}

kafka_wait_and_create_topics() {
  local started out
  if [[ -n "$KAFKA_STARTED" ]]; then
    wait_ready kafka "$KAFKA_PID" "$KAFKA_STARTED"
  fi
  started="$(now_ms)"
  say "Creating topics (${#TOPICS[@]} × $PARTITIONS partitions, if missing)"
  if ! out="$(create_topics "$KAFKA_BOOTSTRAP" "$PARTITIONS" "$START_TIMEOUT" "${TOPICS[@]}" 2>&1)"; then
    printf '%s\n' "$out" | sed 's/^/    /' >&2
    log_tail "$LOGS/kafka.log" 10
    die "topic creation failed; see $LOGS/kafka.log"
  fi
  printf '%s\n' "$out" | sed 's/^/    /'
  if [[ -n "$KAFKA_STARTED" ]]; then
    info "broker ready with topics $(elapsed "$KAFKA_STARTED") after start"
  else
    info "done ($(elapsed "$started"))"
  fi
}

kafka_stop() {
  local pid
  if pid="$(running_pid kafka)"; then
    stop_pids "kafka=$pid"
  fi
  rm -f "$(pid_file kafka)"
}

# ---------------------------------------------------------------------------------------------
# Services

# Maximum heap of service $1 (why status-service gets more: README, CLAWOPS_STATUS_HEAP).
heap_of() {
  case "$1" in
    status-service) echo "${CLAWOPS_STATUS_HEAP:-1g}" ;;
    *) echo 384m ;;
  esac
}

# The garbage collector of service $1, as -XX:+Use<name>GC takes it (why status-service gets the
# parallel one: README, CLAWOPS_STATUS_GC); nothing (the JVM's choice) for the others.
gc_of() {
  case "$1" in
    status-service) echo "${CLAWOPS_STATUS_GC:-Parallel}" ;;
  esac
}

# Starts service $1 unless it runs; sets SERVICE_PID, and SERVICE_STARTED (ms, empty when it
# already ran).
service_start() {
  local name="$1" port jar
  SERVICE_STARTED=""
  if SERVICE_PID="$(running_pid "$name")"; then
    info "$name already running (pid $SERVICE_PID)"
    return 0
  fi
  port="$(port_of "$name")"
  jar="$(jar_of "$name")"
  # Only runners get CLAWOPS_RUNTIMES_FILE (made absolute); the rest of this shell's environment
  # is inherited (e.g. QUARKUS_LOG_LEVEL).
  local -a envs=(-u CLAWOPS_RUNTIMES_FILE "KAFKA_BOOTSTRAP_SERVERS=$KAFKA_BOOTSTRAP"
    "QUARKUS_HTTP_PORT=$port")
  case "$name" in
    status-service)
      envs+=("QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL" "QUARKUS_DATASOURCE_USERNAME=clawops"
        "QUARKUS_DATASOURCE_PASSWORD=clawops" "CLAWOPS_API_TOKEN=$API_TOKEN")
      ;;
    provisioner-service)
      envs+=("CLAWOPS_API_TOKEN=$API_TOKEN" "CLAWOPS_WORKSPACES_ROOT=$WORKSPACES")
      # The demo's claws clone .clawops/demo/repos over file://: that folder, and only it, is a
      # file:// clone source here (an operator's own CLAWOPS_REPOSITORIES_* settings win).
      envs+=("CLAWOPS_REPOSITORIES_ALLOWED_SCHEMES=${CLAWOPS_REPOSITORIES_ALLOWED_SCHEMES:-https,ssh,file}"
        "CLAWOPS_REPOSITORIES_FILE_ROOTS=${CLAWOPS_REPOSITORIES_FILE_ROOTS:-$STATE/demo/repos}")
      ;;
    runner-*)
      envs+=("CLAWOPS_WORKSPACES_ROOT=$WORKSPACES" "CLAWOPS_RUNNER_ID=$name")
      if [[ -n "${RUNTIMES_FILE:-}" ]]; then
        envs+=("CLAWOPS_RUNTIMES_FILE=$RUNTIMES_FILE")
      fi
      if [[ -n "${DEMO_PROVIDER_KEY:-}" ]]; then
        envs+=("CLAWOPS_SECRET_DEMO_PROVIDER_KEY=$DEMO_PROVIDER_KEY")
      fi
      ;;
  esac
  local -a flags
  mapfile -t flags < <(jvm_flags "$name"; cds_flag "$(module_of "$name")" "$name" "$(dirname "$jar")")
  local gc
  gc="$(gc_of "$name")"
  [[ -z "$gc" ]] || flags=("-XX:+Use${gc}GC" "${flags[@]}")
  SERVICE_STARTED="$(now_ms)"
  spawn "$name" "$(log_of "$name")" "${envs[@]}" -- "$JAVA" "-Xmx$(heap_of "$name")" "${flags[@]}" -jar "$jar"
  SERVICE_PID="$SPAWNED_PID"
  info "started $name (pid $SERVICE_PID) on port $port, log $(log_of "$name")"
}

# ---------------------------------------------------------------------------------------------
# Real agent CLIs for the demo

# The path of agent CLI $1 (claude, codex, gemini): the build's pinned install, else PATH.
agent_binary() {
  if [[ -x "$AGENT_BIN/$1" ]]; then
    printf '%s\n' "$AGENT_BIN/$1"
  else
    command -v "$1" 2>/dev/null || return 1
  fi
}

# Writes the runtimes file for the installed agent CLIs (see "Real agent CLIs" above); sets
# RUNTIMES_FILE and DEMO_PROVIDER_KEY when at least one is installed. Records the profiles found in
# $RUN/agent-runtimes (empty when none).
agent_runtimes() {
  local entry profile binary path json="" found=""
  for entry in claude-code:claude codex:codex gemini:gemini; do
    profile="${entry%%:*}" binary="${entry#*:}"
    path="$(agent_binary "$binary")" || continue
    json+="${json:+,}"$'\n'"    \"$profile\": {\"command\": [\"$path\"], \"baseUrl\": \"http://127.0.0.1:$DEMO_PROVIDER_PORT\", \"credentialRef\": \"demo-provider-key\"}"
    found+="$profile "
  done
  printf '%s\n' "${found% }" >"$RUN/agent-runtimes"
  if [[ -z "$found" ]]; then
    info "no agent CLI installed (agent-clis/target/agent-clis or PATH): the demo's real-CLI claws are skipped"
    return 0
  fi
  printf '{"runtimes": {%s\n}}\n' "$json" >"$AGENT_RUNTIMES_FILE"
  if [[ ! -s "$DEMO_KEY_FILE" ]]; then
    (umask 077 && printf 'demo-fake-%s\n' "$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')" >"$DEMO_KEY_FILE")
  fi
  DEMO_PROVIDER_KEY="$(head -n1 "$DEMO_KEY_FILE")"
  RUNTIMES_FILE="$AGENT_RUNTIMES_FILE"
  info "agent CLIs found (${found% }): runners get $AGENT_RUNTIMES_FILE (provider 127.0.0.1:$DEMO_PROVIDER_PORT)"
}

# Starts the scripted model provider for the demo's real-CLI claws; sets PROVIDER_PID.
provider_start() {
  local deadline
  [[ -f "$PROVIDER_JAR" ]] || die "$PROVIDER_JAR is missing (build it: ./mvnw -B -pl model-provider package -DskipTests)"
  if PROVIDER_PID="$(running_pid model-provider)"; then
    info "scripted model provider already running (pid $PROVIDER_PID)"
    return 0
  fi
  if port_listening "$DEMO_PROVIDER_PORT"; then
    die "port $DEMO_PROVIDER_PORT (scripted model provider) is in use by $(port_owner "$DEMO_PROVIDER_PORT")"
  fi
  local -a flags
  mapfile -t flags < <(jvm_flags model-provider)
  spawn model-provider "$LOGS/model-provider.log" -- "$JAVA" -Xmx128m "${flags[@]}" \
    -cp "$PROVIDER_JAR:$ROOT/model-provider/target/lib/*" \
    io.clawops.modelprovider.ScriptedModelProvider "$DEMO_PROVIDER_PORT"
  PROVIDER_PID="$SPAWNED_PID"
  deadline=$(($(now_ms) + 30000))
  until port_listening "$DEMO_PROVIDER_PORT"; do
    alive "$PROVIDER_PID" || die "the scripted model provider exited: $(log_tail "$LOGS/model-provider.log")"
    (($(now_ms) < deadline)) || die "the scripted model provider did not listen on $DEMO_PROVIDER_PORT within 30 s"
    sleep 0.2
  done
  info "scripted model provider (pid $PROVIDER_PID) on http://127.0.0.1:$DEMO_PROVIDER_PORT, log $LOGS/model-provider.log"
}

provider_stop() {
  local pid
  if pid="$(running_pid model-provider)"; then
    STOP_GRACE=5 stop_pids "model-provider=$pid"
  fi
  rm -f "$(pid_file model-provider)"
}

# ---------------------------------------------------------------------------------------------
# Commands

take_lock() {
  mkdir -p "$RUN"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$RUN/lock"
    flock -n 9 || die "another deploy/local.sh up/down is running"
  fi
}

ensure_token() {
  if [[ -n "${CLAWOPS_API_TOKEN:-}" ]]; then
    API_TOKEN="$CLAWOPS_API_TOKEN"
  elif [[ -s "$TOKEN_FILE" ]]; then
    API_TOKEN="$(head -n1 "$TOKEN_FILE")"
    return 0
  else
    API_TOKEN="$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')"
  fi
  if [[ ! -s "$TOKEN_FILE" || "$(head -n1 "$TOKEN_FILE")" != "$API_TOKEN" ]]; then
    (umask 077 && printf '%s\n' "$API_TOKEN" >"$TOKEN_FILE.tmp")
    mv -f "$TOKEN_FILE.tmp" "$TOKEN_FILE"
  fi
  chmod 600 "$TOKEN_FILE"
}

# Fails before anything starts when a port of a component that is not running is taken.
check_ports() {
  local name port problems=""
  for name in "$@"; do
    running_pid "$name" >/dev/null && continue
    for port in $(ports_of "$name"); do
      if port_listening "$port"; then
        problems+="  port $port (for $name) is in use by $(port_owner "$port")"$'\n'
      fi
    done
  done
  if [[ -n "$problems" ]]; then
    printf 'error: ports needed by the stack are taken by other processes:\n%s' "$problems" >&2
    printf 'Stop those processes (or an older stack: deploy/local.sh down) and retry.\n' >&2
    exit 1
  fi
}

cmd_up() {
  local started count name i tool scope=all
  local -a services=() pids=() starts=()
  started="$(now_ms)"
  case "${1:-}" in
    "") ;;
    --infra) scope=infra ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
  if ! is_uint "$PARTITIONS" || ((PARTITIONS < 1)); then
    die "CLAWOPS_TOPIC_PARTITIONS must be a positive integer"
  fi
  is_uint "$START_TIMEOUT" || die "CLAWOPS_START_TIMEOUT must be a number of seconds"
  count="${RUNNERS:-1}"
  if ! is_uint "$count" || ((count < 1 || count > 50)); then
    die "RUNNERS must be an integer between 1 and 50"
  fi
  RUNTIMES_FILE=""
  if [[ -n "${CLAWOPS_RUNTIMES_FILE:-}" ]]; then
    RUNTIMES_FILE="$CLAWOPS_RUNTIMES_FILE"
    [[ "$RUNTIMES_FILE" == /* ]] || RUNTIMES_FILE="$PWD/$RUNTIMES_FILE"
    [[ -f "$RUNTIMES_FILE" ]] || die "CLAWOPS_RUNTIMES_FILE=$CLAWOPS_RUNTIMES_FILE: no such file"
  fi
  DEMO_PROVIDER_KEY=""
  for tool in tar xz curl setsid; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required but not installed"
  done
  check_java

  mkdir -p "$LOGS" "$RUN" "$DATA" "$CONF" "$TMPDIR_JVM" "$WORKSPACES"
  take_lock
  build_if_needed "$scope"

  if [[ "$scope" == all ]]; then
    services=(status-service provisioner-service)
    for ((i = 1; i <= count; i++)); do
      services+=("runner-$i")
    done
  fi
  check_ports kafka postgres ${services[@]+"${services[@]}"}
  UP_HINT="(whatever already started keeps running: deploy/local.sh status shows it, deploy/local.sh down stops it)"
  ensure_token

  kafka_start
  pg_start
  kafka_wait_and_create_topics

  if [[ "$scope" == infra ]]; then
    printf '\nKafka (%s) and PostgreSQL (%s, clawops/clawops) are up (%s).\n' \
      "$KAFKA_BOOTSTRAP" "$JDBC_URL" "$(elapsed "$started")"
    printf 'API token: %s. Stop with: deploy/local.sh down\n' "$TOKEN_FILE"
    return 0
  fi

  printf '%s\n' "$count" >"$RUN/runners"
  if [[ -z "$RUNTIMES_FILE" ]]; then
    agent_runtimes
  else
    : >"$RUN/agent-runtimes" # an operator's runtimes file: the demo does not guess its profiles
  fi
  say "Starting services"
  for name in "${services[@]}"; do
    service_start "$name"
    pids+=("$SERVICE_PID")
    starts+=("$SERVICE_STARTED")
  done
  say "Waiting for the services to report UP (timeout ${START_TIMEOUT}s each)"
  for i in "${!services[@]}"; do
    wait_ready "${services[$i]}" "${pids[$i]}" "${starts[$i]}"
  done

  summary "$(elapsed "$started")" "${services[@]}"
}

summary() {
  local took="$1" name
  shift
  cat <<EOF

ClawOps is up (${took}).

  status-service       http://localhost:$STATUS_PORT   (REST API; health /q/health)
  provisioner-service  http://localhost:$PROVISIONER_PORT   (POST /api/claws)
EOF
  for name in "$@"; do
    [[ "$name" == runner-* ]] && printf '  %-20s http://localhost:%s\n' "$name" "$(port_of "$name")"
  done
  cat <<EOF
  kafka                $KAFKA_BOOTSTRAP
  postgres             $JDBC_URL (clawops/clawops)

  operator page  http://localhost:$STATUS_PORT/   (sign in with the API token)
  API token   $TOKEN_FILE
  logs        $LOGS/<name>.log   (deploy/local.sh logs <name> [-f])
  workspaces  $WORKSPACES

Try:
  TOKEN=\$(cat $TOKEN_FILE)
  curl -s -H "Authorization: Bearer \$TOKEN" http://localhost:$STATUS_PORT/api/claws
  curl -s http://localhost:$STATUS_PORT/q/health

Stop everything with: deploy/local.sh down
EOF
}

cmd_down() {
  local name pid port left=""
  local -a entries=() ports=("$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT" "$PG_PORT")
  mkdir -p "$RUN"
  take_lock
  say "Stopping services"
  while read -r name; do
    ports+=("$(port_of "$name")")
    if pid="$(running_pid "$name")"; then
      entries+=("$name=$pid")
    fi
  done < <(service_names "$(runner_count)")
  if ((${#entries[@]} > 0)); then
    stop_pids "${entries[@]}"
  else
    info "no service running"
  fi
  rm -f "$RUN"/status-service.pid "$RUN"/provisioner-service.pid "$RUN"/runner-*.pid
  say "Stopping Kafka and PostgreSQL"
  if running_pid kafka >/dev/null || running_pid postgres >/dev/null; then
    kafka_stop
    pg_stop
  else
    info "neither running"
  fi
  provider_stop
  rm -f "$RUN/kafka.pid" "$RUN/postgres.pid" "$RUN/runners" "$RUN/agent-runtimes"
  for port in "${ports[@]}"; do
    if port_listening "$port"; then
      left+=" $port"
    fi
  done
  if [[ -n "$left" ]]; then
    warn "still listening (not started by this script, or not stopped):$left"
    return 1
  fi
  say "Stopped."
}

cmd_status() {
  local name pid port state all_ok=0
  printf '%-20s %-8s %-6s %s\n' COMPONENT PID PORT STATE
  while read -r name; do
    port="$(port_of "$name")"
    if pid="$(running_pid "$name")"; then
      if component_healthy "$name" "$pid"; then
        state=healthy
      else
        state=running
        all_ok=1
      fi
    else
      pid="-"
      state=stopped
      all_ok=1
      if port_listening "$port"; then
        state="stopped (port $port used by $(port_owner "$port"))"
      fi
    fi
    printf '%-20s %-8s %-6s %s\n' "$name" "$pid" "$port" "$state"
  done < <(
    echo kafka
    echo postgres
    service_names "$(runner_count)"
  )
  if ((all_ok == 0)); then
    return 0
  fi
  return 3
}

cmd_logs() {
  local name="${1:-}" file
  if [[ -z "$name" ]]; then
    if compgen -G "$LOGS/*.log" >/dev/null; then
      ls -l "$LOGS"/*.log
    else
      echo "no logs yet in $LOGS"
    fi
    return 0
  fi
  if [[ "$name" == build ]]; then
    file="$LOGS/build.log"
  else
    file="$(log_of "$name")"
  fi
  [[ -f "$file" ]] || die "no log for '$name' ($file)"
  if [[ "${2:-}" == -f || "${2:-}" == --follow ]]; then
    exec tail -n 200 -F "$file"
  fi
  tail -n 200 "$file"
}

# The demo (deploy/demo/demo.sh) needs every service of a full `up` running and healthy.
cmd_demo() {
  local token
  if (($# > 0)); then
    usage >&2
    exit 2
  fi
  command -v curl >/dev/null 2>&1 || die "'curl' is required but not installed"
  healthy_or_die
  # The token the running stack was started with (`up` writes it there), else the environment's.
  if [[ -s "$TOKEN_FILE" ]]; then
    token="$(head -n1 "$TOKEN_FILE")"
  elif [[ -n "${CLAWOPS_API_TOKEN:-}" ]]; then
    token="$CLAWOPS_API_TOKEN"
  else
    die "no API token: $TOKEN_FILE is missing (it is written by deploy/local.sh up)"
  fi
  check_java
  # The profiles `up` configured for the real agent CLIs; their claws need the scripted provider.
  local agents="" rc
  [[ -s "$RUN/agent-runtimes" ]] && agents="$(head -n1 "$RUN/agent-runtimes")"
  if [[ -n "$agents" ]]; then
    say "Starting the scripted model provider for the real agent CLIs ($agents)"
    provider_start
    trap provider_stop EXIT
    # Five more claws, each a real CLI start: more time before the demo gives up.
    export CLAWOPS_DEMO_TIMEOUT="${CLAWOPS_DEMO_TIMEOUT:-300}"
  fi
  set +e
  DEMO_ROOT="$ROOT" DEMO_TOKEN="$token" DEMO_JAVA="$JAVA" DEMO_AGENTS="$agents" \
    DEMO_STATUS_URL="http://localhost:$STATUS_PORT" \
    DEMO_PROVISIONER_URL="http://localhost:$PROVISIONER_PORT" \
    bash "$SCRIPT_DIR/demo/demo.sh"
  rc=$?
  set -e
  return "$rc"
}

# `bench [fold|scheduling|soak]`: with no argument the fold benchmark, then the scheduling one.
# Each prints figures and asserts nothing; the figures also go to .clawops/bench/results-*.txt.
cmd_bench() {
  local token results which="${1:-all}"
  if (($# > 1)); then
    usage >&2
    exit 2
  fi
  case "$which" in
    all | fold | scheduling | soak) ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
  healthy_or_die
  token="$(head -n1 "$TOKEN_FILE" 2>/dev/null || true)"
  [[ -n "$token" ]] || token="${CLAWOPS_API_TOKEN:-}"
  [[ -n "$token" ]] || die "no API token: $TOKEN_FILE is missing (it is written by deploy/local.sh up)"
  check_java
  mkdir -p "$STATE/bench"
  results="$STATE/bench/results-$(date -u +%Y%m%dT%H%M%SZ).txt"
  case "$which" in
    all)
      bench_fold "$token" "$results" fold
      bench_scheduling "$token" "$results"
      ;;
    fold) bench_fold "$token" "$results" fold ;;
    scheduling) bench_scheduling "$token" "$results" ;;
    soak) bench_fold "$token" "$results" soak ;;
  esac
  say "figures in $results"
}

# The fold benchmark (deploy/bench/FoldBench.java): synthetic runs of bench runner ids through the
# public topics, read back through the REST API and the fold's committed offsets. $3: fold
# (throughput, then latency under load) or soak (database sizes under a heartbeat load, read over
# JDBC with the driver status-service ships). Parameters: the BENCH_* variables it documents.
bench_fold() {
  local cp="$KAFKA_LIBS/*" driver
  # The fold's figure and the soak's sizes are read from PostgreSQL, with the driver status-service ships.
  driver="$(compgen -G "$ROOT/status-service/target/quarkus-app/lib/main/org.postgresql.postgresql-*.jar" | head -n1 || true)"
  [[ -n "$driver" ]] || die "the PostgreSQL JDBC driver is missing (status-service/target/quarkus-app/lib/main; build with deploy/local.sh up)"
  cp+=":$driver"
  say "fold benchmark ($3)"
  BENCH_BOOTSTRAP="$KAFKA_BOOTSTRAP" BENCH_STATUS_URL="http://localhost:$STATUS_PORT" \
    BENCH_TOKEN="$1" BENCH_JDBC_URL="$JDBC_URL" BENCH_JDBC_USER=clawops BENCH_JDBC_PASSWORD=clawops \
    "$JAVA" -Xmx512m -cp "$cp" "$SCRIPT_DIR/bench/FoldBench.java" "$3" "$2" \
    2> >(grep -v '^SLF4J\|WARN\|INFO' >&2)
}

# The scheduling benchmark (deploy/bench/Bench.java): figures for the fleet as it runs; started
# with one runner, it then adds two (RUNNERS=3 up) and compares. It prints, it asserts nothing.
bench_scheduling() {
  local token="$1" results="$2" count
  say "scheduling benchmark"
  count="$(runner_count)"
  bench_run "$token" "$results" "$count runner(s)"
  if [[ "$count" == 1 ]]; then
    say "adding two runners (RUNNERS=3 up) for the 3-runner figures"
    RUNNERS=3 "$SCRIPT_DIR/local.sh" up >/dev/null
    sleep 5
    bench_run "$token" "$results" "3 runner(s)"
    awk '/^throughput/ { t[NR] = $NF; n[NR] = $2 } END { one = ""; for (i in t) { if (n[i] == 1) one = t[i]; else three = t[i] } if (one != "" && three != "") printf "P6 throughput ratio 3 runners / 1 runner: %.2f\n", three / one }' \
      "$results" | tee -a "$results"
  fi
}

bench_run() {
  BENCH_BOOTSTRAP="$KAFKA_BOOTSTRAP" BENCH_STATUS_URL="http://localhost:$STATUS_PORT" \
    BENCH_TOKEN="$1" BENCH_WORKSPACES="$WORKSPACES" \
    "$JAVA" -cp "$KAFKA_LIBS/*" "$SCRIPT_DIR/bench/Bench.java" "$3" "$2" 2> >(grep -v '^SLF4J\|WARN\|INFO' >&2)
}

healthy_or_die() {
  local name pid problems=""
  while read -r name; do
    if ! pid="$(running_pid "$name")"; then
      problems+=" $name is not running;"
    elif ! component_healthy "$name" "$pid"; then
      problems+=" $name (pid $pid) is not healthy;"
    fi
  done < <(service_names "$(runner_count)")
  if [[ -n "$problems" ]]; then
    printf 'error: the stack is not up:%s\n' "${problems%;}" >&2
    printf 'Start it first: deploy/local.sh up   (deploy/local.sh status shows what runs)\n' >&2
    exit 1
  fi
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    demo) cmd_demo "$@" ;;
    bench) cmd_bench "$@" ;;
    -h | --help | help)
      usage
      ;;
    *)
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
