#!/bin/sh
wget --quiet --save-cookies /tmp/jira.txt --keep-session-cookies \
  --header='Content-Type: application/json' \
  --post-data="{\"username\":\"$JU\",\"password\":\"$JP\"}" \
  -O /dev/null "$JIRA_HOST/rest/auth/latest/session"
wget --quiet --load-cookies /tmp/jira.txt -O open.json "$JIRA_HOST/rest/api/2/search?jql=status=Open"
