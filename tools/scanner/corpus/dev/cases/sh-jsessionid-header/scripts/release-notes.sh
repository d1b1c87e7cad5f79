#!/bin/bash
set -e
resp=$(curl -s -H "Content-Type: application/json" \
  -d "{\"username\": \"$JIRA_USER\", \"password\": \"$JIRA_PASS\"}" \
  "$JIRA/rest/auth/1/session")
name=$(echo "$resp" | jq -r .session.name)
value=$(echo "$resp" | jq -r .session.value)
curl -s -H "Cookie: ${name}=${value}" "$JIRA/rest/api/2/search?jql=fixVersion=$VERSION" > issues.json
