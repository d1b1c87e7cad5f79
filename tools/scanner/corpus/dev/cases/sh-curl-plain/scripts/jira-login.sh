#!/bin/sh
set -e
curl -s -X POST https://jira.example.com/rest/auth/1/session \
  -H 'Content-Type: application/json' \
  -d "{\"username\":\"$JIRA_USER\",\"password\":\"$JIRA_PASS\"}" \
  -c /tmp/jira.cookies
