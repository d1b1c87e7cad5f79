#!/bin/bash
set -e
for key in $(git log --format=%s "$FROM..$TO" | grep -oE '[A-Z]+-[0-9]+' | sort -u); do
  curl -sf -H "Authorization: Bearer ${JIRA_PAT}" -X PUT -H 'Content-Type: application/json' \
    -d "{\"update\":{\"fixVersions\":[{\"add\":{\"name\":\"$VERSION\"}}]}}" "$JIRA_URL/rest/api/2/issue/$key"
done
