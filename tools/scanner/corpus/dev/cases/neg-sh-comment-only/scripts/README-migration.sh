#!/bin/sh
# Old: curl -c jar $JIRA/rest/auth/1/session with a password (removed).
# New: an API token from the CI secret store.
exec curl -sf -u "$JIRA_EMAIL:$JIRA_API_TOKEN" "$JIRA/rest/api/2/myself"
