#!/bin/zsh
http --session=jira POST "$JIRA_URL/rest/auth/1/session" username="$JIRA_USER" password="$JIRA_PASS"
http --session=jira GET "$JIRA_URL/rest/api/2/myself"
