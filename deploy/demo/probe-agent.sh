#!/usr/bin/env bash
#
# deploy/demo/probe-agent.sh — a minimal agent in bash for a custom runtime profile (DESIGN §5):
# it speaks the agent protocol on stdout, lists the workspace with one tool call, and completes.
# Register it with CLAWOPS_RUNTIMES_FILE (see README, "Walkthrough"), e.g.
#
#   {"runtimes": {"probe": {"command": ["bash", "/abs/path/deploy/demo/probe-agent.sh"],
#                           "env": {"PROBE_GREETING": "hello from probe"}}}}
#
# The runner starts it in the claw's workspace with CLAW_ID, CLAW_RUN_ID, CLAW_ATTEMPT, CLAW_MODEL,
# CLAW_MODEL_PROFILE, CLAW_PROMPT_FILE and CLAW_CAPABILITIES set.

set -u

# A JSON string literal of $1 (backslashes, quotes and control characters escaped).
json() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//\"/\\\"}"
  s="${s//$'\t'/ }"
  s="${s//$'\r'/ }"
  s="${s//$'\n'/\\n}"
  printf '"%s"' "$s"
}

prompt_lines=0
if [[ -r "${CLAW_PROMPT_FILE:-}" ]]; then
  prompt_lines="$(wc -l <"$CLAW_PROMPT_FILE" | tr -d ' ')"
fi
printf '{"type":"text","text":%s}\n' \
  "$(json "${PROBE_GREETING:-probe}: claw ${CLAW_ID:-?} attempt ${CLAW_ATTEMPT:-?} on model ${CLAW_MODEL:-?}, prompt of $prompt_lines line(s)")"
printf '{"type":"tool_use","callId":"c1","tool":"exec","input":{"command":"ls"}}\n'
listing="$(ls -1 2>&1 | head -n 20 | tr '\n' ' ')"
printf '{"type":"tool_result","callId":"c1","ok":true,"output":%s}\n' "$(json "$listing")"
printf '{"type":"result","status":"completed","summary":%s}\n' "$(json "workspace holds: $listing")"
