#!/usr/bin/env bash
set -euo pipefail
curl -fsS -u "$JIRA_EMAIL:$JIRA_API_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"body\":\"$2\"}" "$JIRA_URL/rest/api/2/issue/$1/comment"
