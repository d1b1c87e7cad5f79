#!/usr/bin/env bash
set -euo pipefail
: "${JIRA_URL:?}" "${KEY:?}"

login() {
  curl -fsS -c "$1" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$JIRA_USER\",\"password\":\"$JIRA_PASS\"}" \
    "$JIRA_URL/rest/auth/1/session" > /dev/null
}

jar=$(mktemp)
trap 'rm -f "$jar"' EXIT
login "$jar"
curl -fsS -b "$jar" -H 'Content-Type: application/json' \
  -d '{"transition":{"id":"41"}}' "$JIRA_URL/rest/api/2/issue/$KEY/transitions"
