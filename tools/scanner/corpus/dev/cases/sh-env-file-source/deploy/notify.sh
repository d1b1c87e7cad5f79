#!/usr/bin/env bash
set -eu
. "$(dirname "$0")/jira.env"
curl -sf -c cookies -H 'Content-Type: application/json' \
  -d @"$HOME/.jira-login.json" "$JIRA_URL$JIRA_LOGIN_PATH"
