#!/usr/bin/env bash
#
# deploy/demo/demo.sh — the body of `deploy/local.sh demo`; run it through local.sh, which checks
# that the stack is up and sets DEMO_ROOT, DEMO_TOKEN, DEMO_STATUS_URL, DEMO_PROVISIONER_URL and
# DEMO_JAVA.
#
# Creates one claw per line of deploy/demo/claws.list through POST /api/claws, shows their status
# live (polling GET /api/claws/{id} every 2 s) until every one settled or CLAWOPS_DEMO_TIMEOUT
# seconds (default 180) passed, then prints what happened to each against what its scenario
# predicts. Exit 0 when every claw settled as predicted, 1 otherwise.
#
# Needs bash, curl, git and a JDK (JSON is read by deploy/demo/DemoJson.java, so no jq).
# Everything it writes goes under .clawops/demo/: repos/ (the git repository the claws clone,
# created once) and runs/<workflowRunId>/ (each request, response and last record).

set -euo pipefail

: "${DEMO_ROOT:?run this through: deploy/local.sh demo}"
: "${DEMO_TOKEN:?run this through: deploy/local.sh demo}"
STATUS_URL="${DEMO_STATUS_URL:-http://localhost:8080}"
PROVISIONER_URL="${DEMO_PROVISIONER_URL:-http://localhost:8081}"
JAVA="${DEMO_JAVA:-java}"
TIMEOUT="${CLAWOPS_DEMO_TIMEOUT:-180}"
INTERVAL_MS=2000

STATE="$DEMO_ROOT/.clawops"
DEMO_SRC="$DEMO_ROOT/deploy/demo"
MANIFEST="$DEMO_SRC/claws.list"
REPOS="$STATE/demo/repos"
REPO="$REPOS/app.git"
MISSING_REPO="$REPOS/missing-docs.git"
TOOLS="$STATE/tools/demo"

# Statuses a claw stays in unless an operator acts (DESIGN §6.2).
FINAL_STATUSES=" completed workspace_incomplete bootstrap_failed model_timeout tool_blocked stalled timed_out cancelled failed removed "

say() { printf '==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}
now_ms() { date +%s%3N; }
secs() { # milliseconds → "12.3s"
  local ms="$1"
  ((ms < 0)) && ms=0
  printf '%d.%ds' $((ms / 1000)) $(((ms % 1000) / 100))
}

[[ "$TIMEOUT" =~ ^[0-9]+$ && "$TIMEOUT" -gt 0 ]] || die "CLAWOPS_DEMO_TIMEOUT must be a positive number of seconds"
for tool in curl git sed; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is required by the demo but not installed"
done
[[ -f "$MANIFEST" ]] || die "missing $MANIFEST"

# ---------------------------------------------------------------------------------------------
# JSON: DemoJson.java, compiled once into .clawops/tools/demo (launched from source without javac)

JAVAC="${JAVA%java}javac"
DJ_FLAGS=(-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto)
if command -v "$JAVAC" >/dev/null 2>&1; then
  if [[ ! -f "$TOOLS/DemoJson.class" || "$DEMO_SRC/DemoJson.java" -nt "$TOOLS/DemoJson.class" ]]; then
    rm -rf "$TOOLS.$$"
    mkdir -p "$TOOLS.$$"
    "$JAVAC" -nowarn -d "$TOOLS.$$" "$DEMO_SRC/DemoJson.java" >&2 ||
      die "compiling deploy/demo/DemoJson.java failed"
    rm -rf "$TOOLS"
    mv "$TOOLS.$$" "$TOOLS"
  fi
  dj() { "$JAVA" "${DJ_FLAGS[@]}" -cp "$TOOLS" DemoJson "$@"; }
else
  dj() { "$JAVA" "${DJ_FLAGS[@]}" "$DEMO_SRC/DemoJson.java" "$@"; }
fi

# ---------------------------------------------------------------------------------------------
# The git repository the claws clone: a real bare repository, created once, cloned over file://

ensure_repo() {
  if git --git-dir="$REPO" rev-parse -q --verify 'HEAD^{commit}' >/dev/null 2>&1; then
    info "git repository: $REPO (exists)"
    return 0
  fi
  local work="$REPOS/app.work"
  say "Creating the demo's git repository .clawops/demo/repos/app.git"
  rm -rf "$REPO" "$REPO.partial" "$work"
  mkdir -p "$work/src"
  cat >"$work/README.md" <<'EOF'
# app

A tiny C program the ClawOps demo's claws pretend to work on. Build with `make`, test with
`make test`.
EOF
  cat >"$work/ISSUE.md" <<'EOF'
# Greet by name

`app` should greet the user named on the command line instead of the whole world.
EOF
  printf 'app: src/main.c\n\tcc -o app src/main.c\n\ntest: app\n\t./app | grep -q Hello\n' >"$work/Makefile"
  printf '#include <stdio.h>\n\nint main(void) {\n  puts("Hello, world");\n  return 0;\n}\n' \
    >"$work/src/main.c"
  (
    cd "$work"
    git -c init.defaultBranch=main init -q .
    git checkout -q -B main
    git add -A
    git -c user.name="ClawOps demo" -c user.email=demo@clawops.invalid -c commit.gpgsign=false \
      commit -q -m "app: hello world"
  ) || die "creating the demo repository failed (git init/commit in $work)"
  git clone -q --bare "$work" "$REPO.partial" || die "creating the bare repository $REPO failed"
  mv "$REPO.partial" "$REPO"
  rm -rf "$work"
  info "git repository: $REPO (head $(git --git-dir="$REPO" rev-parse --short HEAD))"
}

# file:// URL of a path; the path must not need percent-encoding.
file_url() {
  [[ "$1" =~ ^[A-Za-z0-9._~/+@=,-]+$ ]] ||
    die "the checkout path $1 has characters a file:// URL would need to escape; move the checkout"
  printf 'file://%s\n' "$1"
}

# Escapes $1 for the replacement side of a sed s|…|…| command.
sed_escape() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

# ---------------------------------------------------------------------------------------------
# The claws

trim() {
  local s="$1"
  s="${s#"${s%%[![:space:]]*}"}"
  printf '%s' "${s%"${s##*[![:space:]]}"}"
}

NAMES=() FILES=() EXPECT=() EXPECT_REASON=() ACTION=() WHAT=() SKIPPED=()
read_manifest() {
  local name file expect reason action what runtime
  while IFS='|' read -r name file expect reason action what; do
    name="$(trim "$name")"
    [[ -z "$name" || "$name" == \#* ]] && continue
    file="$(trim "$file")"
    [[ -f "$DEMO_SRC/claws/$file" ]] || die "claws.list names $file, which is not in deploy/demo/claws/"
    # A claw of a real agent CLI runs only when `up` configured that CLI (DEMO_AGENTS).
    runtime="$(grep -oE '"runtime"[[:space:]]*:[[:space:]]*"[^"]+"' "$DEMO_SRC/claws/$file" |
      sed -E 's/.*"([^"]+)"$/\1/')"
    if [[ "$runtime" != sim && " ${DEMO_AGENTS:-} " != *" $runtime "* ]]; then
      SKIPPED+=("$name ($runtime)")
      continue
    fi
    case "$(trim "$action")" in
      - | cancel-when-running | cancel-after-deadline | check-redacted) ;;
      *) die "claws.list: unknown action '$(trim "$action")' for $name" ;;
    esac
    NAMES+=("$name")
    FILES+=("$file")
    EXPECT+=("$(trim "$expect")")
    EXPECT_REASON+=("$(trim "$reason")")
    ACTION+=("$(trim "$action")")
    WHAT+=("$(trim "$what")")
  done <"$MANIFEST"
  ((${#NAMES[@]} > 0)) || die "$MANIFEST names no claw"
}

# POST /api/claws for claw $1; sets IDS[$1] or CREATE_ERROR[$1].
IDS=() CREATE_ERROR=()
create_claw() {
  local i="$1" request="$RUN_DIR/$1.request.json" response="$RUN_DIR/$1.created.json" code id
  sed -e "s|@WORKFLOW_RUN_ID@|$(sed_escape "$WORKFLOW_RUN_ID")|g" \
    -e "s|@REPO_URL@|$(sed_escape "$REPO_URL")|g" \
    -e "s|@MISSING_REPO_URL@|$(sed_escape "$MISSING_REPO_URL")|g" \
    -e "s|@MISSING_CREDENTIAL_REF@|$(sed_escape "$MISSING_CREDENTIAL_REF")|g" \
    "$DEMO_SRC/claws/${FILES[$i]}" >"$request"
  IDS[i]=""
  CREATE_ERROR[i]=""
  code="$(curl -sS -m 15 -o "$response" -w '%{http_code}' -X POST -H @"$AUTH_HEADER" \
    -H 'Content-Type: application/json' --data-binary @"$request" \
    "$PROVISIONER_URL/api/claws" 2>"$RUN_DIR/$i.curl.err")" || code=000
  if [[ "$code" == 401 ]]; then
    die "the provisioner refused the API token (401). Was the stack started with another CLAWOPS_API_TOKEN? Restart it: deploy/local.sh down && deploy/local.sh up"
  fi
  id="$(grep -oE '"clawId"[[:space:]]*:[[:space:]]*"[0-9a-fA-F-]{36}"' "$response" 2>/dev/null |
    grep -oE '[0-9a-fA-F-]{36}' | head -n1 || true)"
  if [[ "$code" == 202 && -n "$id" ]]; then
    IDS[i]="$id"
  elif [[ "$code" == 000 ]]; then
    CREATE_ERROR[i]="provisioner unreachable: $(tr '\n' ' ' <"$RUN_DIR/$i.curl.err" | cut -c1-200)"
  else
    CREATE_ERROR[i]="POST /api/claws answered $code: $(tr '\n\t' '  ' <"$response" | cut -c1-300)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Polling

# Per claw, from the last poll: the fields of DemoJson's ROW_FIELDS, plus HTTP code.
ST=() REASON=() MESSAGE=() CONN=() ATT=() STARTED=() DEADLINE=() OUTCOME=() RUNNER=() PROFILE=()
FCODE=() REMEDIATION=() HUBS=() HTTP=()

poll() {
  local i code files=()
  for i in "${!NAMES[@]}"; do
    if [[ -z "${IDS[i]}" ]]; then
      HTTP[i]=-
      files+=("$RUN_DIR/$i.none")
      continue
    fi
    code="$(curl -sS -m 5 -o "$RUN_DIR/$i.json.tmp" -w '%{http_code}' -H @"$AUTH_HEADER" \
      "$STATUS_URL/api/claws/${IDS[i]}" 2>/dev/null)" || code=000
    HTTP[i]="$code"
    if [[ "$code" == 200 ]]; then
      mv -f "$RUN_DIR/$i.json.tmp" "$RUN_DIR/$i.json"
    else
      rm -f "$RUN_DIR/$i.json.tmp"
    fi
    files+=("$RUN_DIR/$i.json")
  done
  i=0
  while IFS=$'\t' read -r "ST[i]" "REASON[i]" "MESSAGE[i]" "CONN[i]" "ATT[i]" "STARTED[i]" \
    "DEADLINE[i]" "OUTCOME[i]" "RUNNER[i]" "PROFILE[i]" "FCODE[i]" "REMEDIATION[i]" "HUBS[i]" _; do
    case "${HTTP[i]}" in
      200) ;;
      -) ST[i]="(not created)" ;;
      404) [[ -f "$RUN_DIR/$i.json" ]] || ST[i]="(pending)" ;; # not folded yet
      000) [[ -f "$RUN_DIR/$i.json" ]] || ST[i]="(unreachable)" ;;
      *) [[ -f "$RUN_DIR/$i.json" ]] || ST[i]="(http ${HTTP[i]})" ;;
    esac
    i=$((i + 1))
  done < <(dj rows "${files[@]}")
  ((i == ${#NAMES[@]})) || die "reading the claw records failed (deploy/demo/DemoJson.java)"
}

is_final() { [[ "$FINAL_STATUSES" == *" $1 "* ]]; }

# ✓ when claw $1 is where its scenario predicts, ✗ when it settled elsewhere, blank while it moves.
MARK=()
judge() {
  local i="$1"
  if [[ -n "${CHECK_FAILED[i]:-}" ]]; then
    MARK[i]="✗"
  elif [[ "${ST[i]}" == "${EXPECT[i]}" &&
    ("${EXPECT_REASON[i]}" == - || "${REASON[i]}" == "${EXPECT_REASON[i]}") ]]; then
    MARK[i]="✓"
  elif is_final "${ST[i]}" || [[ -z "${IDS[i]}" ]]; then
    MARK[i]="✗"
  else
    MARK[i]=" "
  fi
}

# ---------------------------------------------------------------------------------------------
# Operator actions the scenarios call for

ACTION_DONE=() ACTION_NOTE=() LOG=()
log_action() { LOG+=("$(printf '%6s  %s' "$(secs $(($(now_ms) - T0)))" "$*")"); }

cancel_claw() { # $1 index; prints the HTTP code
  curl -sS -m 10 -o "$RUN_DIR/$1.cancel.json" -w '%{http_code}' -X POST -H @"$AUTH_HEADER" \
    "$STATUS_URL/api/claws/${IDS[$1]}/cancel" 2>/dev/null || echo 000
}

# The late cancel is sent this long after the run's hard deadline: late enough that the deadline
# has passed, early enough that it races the runner stopping the agent for it.
LATE_CANCEL_MS=200

# Acts on every claw whose action is due; sets NEXT_WAKE (ms) when one falls due before the next
# regular poll. $1 = "deadlines": only the late cancels (sent before a poll, so they are on time).
act() {
  local i now code due
  now="$(now_ms)"
  for i in "${!NAMES[@]}"; do
    [[ -n "${IDS[i]}" && -z "${ACTION_DONE[i]:-}" ]] || continue
    [[ "${1:-}" != deadlines || "${ACTION[i]}" == cancel-after-deadline ]] || continue
    case "${ACTION[i]}" in
      cancel-when-running)
        if [[ "${ST[i]}" == running && "${STARTED[i]}" =~ ^[0-9]+$ ]] && ((now - STARTED[i] >= 2000)); then
          code="$(cancel_claw "$i")"
          ACTION_DONE[i]=1
          ACTION_NOTE[i]="operator cancel $(secs $((now - STARTED[i]))) after the agent started: HTTP $code"
          log_action "${NAMES[i]}: POST /cancel → $code"
        elif is_final "${ST[i]:-}"; then
          ACTION_DONE[i]=1
          ACTION_NOTE[i]="no cancel sent: the claw was already ${ST[i]}"
        fi
        ;;
      cancel-after-deadline)
        if [[ "${DEADLINE[i]:-}" =~ ^[0-9]+$ ]]; then
          due=$((DEADLINE[i] + LATE_CANCEL_MS))
          if ((now >= due)); then
            code="$(cancel_claw "$i")"
            ACTION_DONE[i]=1
            ACTION_NOTE[i]="late cancel $(secs $((now - DEADLINE[i]))) after the hard deadline: HTTP $code"
            if [[ "$code" == 409 ]]; then
              ACTION_NOTE[i]+=" (refused: already final)"
            fi
            log_action "${NAMES[i]}: hard deadline passed, POST /cancel → $code"
          elif ((due < NEXT_WAKE)); then
            NEXT_WAKE="$due"
          fi
        elif is_final "${ST[i]:-}"; then
          ACTION_DONE[i]=1
          ACTION_NOTE[i]="no cancel sent: the claw was ${ST[i]} before its run had a deadline"
        fi
        ;;
    esac
  done
}

# F10: the agent's fake credentials must appear nowhere the control plane writes.
CHECK_FAILED=() CHECK_NOTE=()
check_redacted() {
  local i="$1" timeline="$RUN_DIR/$1.timeline.json" secret found="" where f
  local -a secrets=("ghp_$(printf 'Sim0%.0s' 1 2 3 4 5 6 7 8 9)"
    "sk-ant-api03-$(printf 's1mAg3nT_k%.0s' 1 2 3 4 5)" "hunter2-n0t-r3al" "Corr3ctH0rseB4ttery")
  # The fake provider key `up` handed to the real agent CLIs (the 401 scenario echoes it back).
  if [[ -s "$STATE/demo-provider-key" ]]; then
    secrets+=("$(head -n1 "$STATE/demo-provider-key")")
  fi
  curl -sS -m 10 -o "$timeline" -H @"$AUTH_HEADER" "$STATUS_URL/api/claws/${IDS[i]}/timeline" \
    2>/dev/null || true
  for secret in "${secrets[@]}"; do
    for f in "$RUN_DIR/$i.json" "$timeline" "$STATE"/logs/*-service.log "$STATE"/logs/runner-*.log; do
      [[ -f "$f" ]] || continue
      if grep -qF -- "$secret" "$f"; then
        where="${f#"$STATE"/}"
        found+=" ${secret:0:6}… in $where;"
      fi
    done
  done
  if [[ ! -s "$timeline" ]]; then
    CHECK_FAILED[i]=1
    CHECK_NOTE[i]="redaction check: could not read the timeline"
  elif [[ -n "$found" ]]; then
    CHECK_FAILED[i]=1
    CHECK_NOTE[i]="redaction check FAILED:$found"
  else
    CHECK_NOTE[i]="redaction check: none of the ${#secrets[@]} fake credentials appear in the record, the timeline or the service logs"
  fi
}

# ---------------------------------------------------------------------------------------------
# Display

TTY=0
if [[ -t 1 && "${TERM:-dumb}" != dumb ]]; then
  TTY=1
fi
COLS=1000 ROWS=1000
if ((TTY)); then
  COLS="$(tput cols 2>/dev/null || echo 120)"
  ROWS="$(tput lines 2>/dev/null || echo 40)"
  [[ "$COLS" =~ ^[0-9]+$ ]] || COLS=120
  [[ "$ROWS" =~ ^[0-9]+$ ]] || ROWS=40
fi
NAME_W=8 # widest scenario name, set once the manifest is read

table() { # prints the current table
  local i settled=0 status reason width short=0
  for i in "${!NAMES[@]}"; do
    if is_final "${ST[i]}" || [[ -z "${IDS[i]}" ]]; then
      settled=$((settled + 1))
    fi
  done
  # Reason last, so that a narrow terminal cuts only its end (without its platform./agent. prefix).
  width=$((2 + 8 + 2 + NAME_W + 2 + 20 + 2 + 3 + 2 + 9 + 2 + 28))
  ((width < COLS)) || short=1
  printf '%d/%d settled   %s elapsed (timeout %ss)   workflowRunId %s\n' "$settled" \
    "${#NAMES[@]}" "$(secs $(($(now_ms) - T0)))" "$TIMEOUT" "$WORKFLOW_RUN_ID"
  printf '  %-8s  %-*s  %-20s  %-3s  %-9s  %s\n' CLAW "$NAME_W" SCENARIO STATUS ATT CONN \
    "REASON$( ((short)) && printf ' (cut; whole in the summary)')"
  for i in "${!NAMES[@]}"; do
    judge "$i"
    status="${ST[i]}"
    reason="${REASON[i]}"
    if [[ "$reason" == - && "$status" == recovering ]]; then
      reason="${MESSAGE[i]}"
    fi
    if ((short)); then
      reason="${reason#platform.}"
      reason="${reason#agent.}"
    fi
    printf '%s %-8s  %-*s  %-20s  %-3s  %-9s  %s\n' "${MARK[i]}" "${IDS[i]:0:8}" "$NAME_W" \
      "${NAMES[i]}" "$status" "${ATT[i]}" "${CONN[i]}" "$reason"
  done
  if ((${#LOG[@]} > 0)); then
    printf 'operator actions:\n'
    i=$((${#LOG[@]} > 4 ? ${#LOG[@]} - 4 : 0))
    printf '  %s\n' "${LOG[@]:i}"
  fi
}

LAST_LINES=0 LAST_FRAME="" LAST_PRINT=0
render() { # $1 = force
  local frame body line out="" n=0
  frame="$(table)"
  if ((TTY)); then
    while IFS= read -r line; do
      out+="${line:0:$((COLS - 1))}"$'\n'
      n=$((n + 1))
    done <<<"$frame"
    # Redraw in place, unless the table is taller than the terminal (then it scrolls, as below).
    if ((n < ROWS)); then
      if ((LAST_LINES > 0)); then
        printf '\033[%dA\033[J' "$LAST_LINES"
      fi
      printf '%s' "$out"
      LAST_LINES=$n
      return 0
    fi
  fi
  # Plain output (a log, CI): a block when something changed, else every 10 s.
  body="$(tail -n +2 <<<"$frame")"
  if [[ "${1:-}" == force || "$body" != "$LAST_FRAME" ]] || (($(now_ms) - LAST_PRINT >= 10000)); then
    printf '\n%s\n' "$frame"
    LAST_FRAME="$body"
    LAST_PRINT="$(now_ms)"
  fi
}

# ---------------------------------------------------------------------------------------------
# Summary

summary() {
  local i ok=0 expected got claw line
  printf '\n'
  say "Summary: workflowRunId $WORKFLOW_RUN_ID, ${#NAMES[@]} claws, $1"
  for i in "${!NAMES[@]}"; do
    judge "$i"
    if [[ "${MARK[i]}" == "✓" ]]; then
      ok=$((ok + 1))
    else
      MARK[i]="✗"
    fi
    expected="${EXPECT[i]}"
    [[ "${EXPECT_REASON[i]}" != - ]] && expected+=" (${EXPECT_REASON[i]})"
    got="${ST[i]}"
    [[ "${REASON[i]}" != - ]] && got+=" (${REASON[i]})"
    if [[ -n "${IDS[i]}" ]] && ! is_final "${ST[i]}"; then
      got+="   — not settled"
    fi
    printf '\n%s %-*s  %s\n' "${MARK[i]}" "$NAME_W" "${NAMES[i]}" "$got"
    printf '      expected  %s\n' "$expected"
    printf '      scenario  %s\n' "${WHAT[i]}"
    if [[ -z "${IDS[i]}" ]]; then
      printf '      not created: %s\n' "${CREATE_ERROR[i]}"
      continue
    fi
    claw="${IDS[i]}"
    line="attempt ${ATT[i]}"
    [[ "${RUNNER[i]}" != - ]] && line+=" on ${RUNNER[i]}"
    [[ "${PROFILE[i]}" != - ]] && line+=", model profile ${PROFILE[i]}"
    [[ "${OUTCOME[i]}" != - ]] && line+=", run outcome ${OUTCOME[i]}"
    [[ "${HUBS[i]}" != - && "${HUBS[i]}" != 0 ]] && line+=", ${HUBS[i]} corrective hub message(s)"
    line+=", connection ${CONN[i]}"
    [[ "${ATT[i]}" == - ]] && line="no agent was started, connection ${CONN[i]}"
    printf '      claw      %s  %s\n' "$claw" "$line"
    if [[ "${MESSAGE[i]}" != - && "${MESSAGE[i]}" != "${ST[i]}" ]]; then
      printf '      message   %s\n' "${MESSAGE[i]}"
    fi
    if [[ "${FCODE[i]}" != - && "${FCODE[i]}" != "${REASON[i]}" ]]; then
      printf '      earlier   %s, kept as lastFailure\n' "${FCODE[i]}"
    fi
    if [[ "${REMEDIATION[i]}" != - && "${ST[i]}" != completed ]] && is_final "${ST[i]}"; then
      printf '      fix       %s\n' "${REMEDIATION[i]}"
    fi
    if [[ -n "${ACTION_NOTE[i]:-}" ]]; then
      printf '      action    %s\n' "${ACTION_NOTE[i]}"
    fi
    if [[ -n "${CHECK_NOTE[i]:-}" ]]; then
      printf '      check     %s\n' "${CHECK_NOTE[i]}"
    fi
  done
  printf '\n'
  if ((ok == ${#NAMES[@]})); then
    say "All ${#NAMES[@]} claws settled as their scenarios predict."
  else
    say "$ok of ${#NAMES[@]} claws settled as their scenarios predict; ✗ marks the others."
    info "service logs: .clawops/logs/ (deploy/local.sh logs <name>)"
  fi
  # One claw to look at more closely: the first surprise, else the stubborn tool loop.
  local pick=""
  for i in "${!NAMES[@]}"; do
    if [[ -n "${IDS[i]}" && "${MARK[i]}" != "✓" ]]; then pick="$i" && break; fi
  done
  if [[ -z "$pick" ]]; then
    for i in "${!NAMES[@]}"; do
      if [[ -n "${IDS[i]}" && "${ST[i]}" == tool_blocked ]]; then pick="$i" && break; fi
    done
  fi
  if [[ -z "$pick" ]]; then
    for i in "${!NAMES[@]}"; do
      if [[ -n "${IDS[i]}" ]]; then pick="$i" && break; fi
    done
  fi
  [[ -n "$pick" ]] || return 0
  claw="${IDS[pick]}"
  cat <<EOF

Inspect a claw, e.g. ${NAMES[pick]} (the API token is in .clawops/api-token):
  TOKEN=\$(cat $STATE/api-token)
  curl -s -H "Authorization: Bearer \$TOKEN" $STATUS_URL/api/claws/$claw            # the record
  curl -s -H "Authorization: Bearer \$TOKEN" $STATUS_URL/api/claws/$claw/timeline   # what happened, in order
  curl -s -H "Authorization: Bearer \$TOKEN" '$STATUS_URL/api/claws?workflowRunId=$WORKFLOW_RUN_ID'   # this demo's claws
  curl -s -X POST -H "Authorization: Bearer \$TOKEN" $STATUS_URL/api/claws/<id>/retry      # e.g. after fixing a credential
(pipe through jq, if you have it, for readability). The demo's requests and last records: ${RUN_DIR#"$DEMO_ROOT"/}/
EOF
}

# Cancels every claw of this run that has not settled, so that no agent of the demo keeps a
# runner slot after it ended (the hang scenarios would, until their own timeouts).
cancel_unsettled() {
  local i code cancelled=""
  for i in "${!NAMES[@]}"; do
    [[ -n "${IDS[i]:-}" ]] || continue
    is_final "${ST[i]:-}" && continue
    code="$(cancel_claw "$i")"
    cancelled+=" ${NAMES[i]} ($code)"
  done
  if [[ -n "$cancelled" ]]; then
    printf '\n'
    say "Cancelled what had not settled, so that no demo agent keeps running:$cancelled"
  fi
}

# shellcheck disable=SC2317 # invoked by the trap
interrupted() {
  trap - INT TERM
  printf '\n'
  say "Interrupted."
  cancel_unsettled
  info "this run's claws: curl -s -H \"Authorization: Bearer \$(cat $STATE/api-token)\" '$STATUS_URL/api/claws?workflowRunId=$WORKFLOW_RUN_ID'"
  exit 130
}

# ---------------------------------------------------------------------------------------------
# Main

read_manifest
for i in "${!NAMES[@]}"; do
  if ((${#NAMES[i]} > NAME_W)); then NAME_W=${#NAMES[i]}; fi
done
mkdir -p "$REPOS" "$STATE/demo/runs"
RANDOM_HEX="$(od -An -tx1 -N2 /dev/urandom | tr -d ' \n')"
WORKFLOW_RUN_ID="demo-$(date -u +%Y%m%d-%H%M%S)-$RANDOM_HEX"
# New in every run, so that no credential added to repair an earlier run's claw matches it.
MISSING_CREDENTIAL_REF="demo-token-$RANDOM_HEX"
RUN_DIR="$STATE/demo/runs/$WORKFLOW_RUN_ID"
mkdir -p "$RUN_DIR"
AUTH_HEADER="$RUN_DIR/.auth-header"
(umask 077 && printf 'Authorization: Bearer %s\n' "$DEMO_TOKEN" >"$AUTH_HEADER")
trap 'rm -f "$AUTH_HEADER"' EXIT
trap 'interrupted' INT TERM

say "ClawOps demo: ${#NAMES[@]} claws, workflowRunId $WORKFLOW_RUN_ID"
if ((${#SKIPPED[@]} > 0)); then
  info "skipped, their agent CLI is not installed (build agent-clis, then deploy/local.sh down && up): ${SKIPPED[*]}"
fi
ensure_repo
REPO_URL="$(file_url "$REPO")"
MISSING_REPO_URL="$(file_url "$MISSING_REPO")"
rm -rf "$MISSING_REPO" # it must not exist

say "Creating the claws (POST $PROVISIONER_URL/api/claws, runtime sim${DEMO_AGENTS:+ and $DEMO_AGENTS})"
T0="$(now_ms)"
for i in "${!NAMES[@]}"; do
  create_claw "$i"
  if [[ -n "${IDS[i]}" ]]; then
    info "$(printf '%-8s  %-*s  %s' "${IDS[i]:0:8}" "$NAME_W" "${NAMES[i]}" "${WHAT[i]}")"
  else
    info "$(printf '%-8s  %-*s  %s' '(failed)' "$NAME_W" "${NAMES[i]}" "${CREATE_ERROR[i]}")"
  fi
done

say "Watching them settle (GET $STATUS_URL/api/claws/{id} every $((INTERVAL_MS / 1000)) s; ✓ = as the scenario predicts)"
STABLE=0 DONE=0
while :; do
  TICK="$(now_ms)"
  NEXT_WAKE=$((TICK + INTERVAL_MS))
  act deadlines
  poll
  act
  render
  all=1
  for i in "${!NAMES[@]}"; do
    [[ -z "${IDS[i]}" ]] && continue
    if ! is_final "${ST[i]}"; then
      all=0
    elif [[ -z "${ACTION_DONE[i]:-}" && "${ACTION[i]}" == cancel-* ]]; then
      ACTION_DONE[i]=1
      ACTION_NOTE[i]="no cancel sent: the claw was already ${ST[i]}"
    fi
  done
  # Settled means final in two polls in a row: one stray read never ends the demo.
  if ((all)); then STABLE=$((STABLE + 1)); else STABLE=0; fi
  if ((STABLE >= 2)); then
    DONE=1
    break
  fi
  if (($(now_ms) - T0 >= TIMEOUT * 1000)); then
    break
  fi
  wait_ms=$((NEXT_WAKE - $(now_ms)))
  if ((all)); then wait_ms=500; fi # confirm quickly
  if ((wait_ms > 0)); then
    sleep "$((wait_ms / 1000)).$(printf '%03d' $((wait_ms % 1000)))"
  fi
done
ELAPSED="$(secs $(($(now_ms) - T0)))"

for i in "${!NAMES[@]}"; do
  if [[ -n "${IDS[i]}" && "${ACTION[i]}" == check-redacted ]]; then check_redacted "$i"; fi
done
if ((TTY)); then render; else render force; fi

if ((DONE)); then
  summary "all settled after $ELAPSED"
else
  summary "NOT all settled within ${TIMEOUT}s (CLAWOPS_DEMO_TIMEOUT)"
  cancel_unsettled
fi
for i in "${!NAMES[@]}"; do
  judge "$i"
  [[ "${MARK[i]}" == "✓" ]] || exit 1
done
exit 0
