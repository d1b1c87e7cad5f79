#!/bin/sh
curl -s -c cookies.txt -H 'Content-Type: application/json' -d "$CREDENTIALS" "$JIRA_URL/rest/auth/1/session"
curl -s -b cookies.txt -c cookies.txt "$JIRA_URL/rest/api/2/issue/OPS-1"
# The wiki's own login replaces the jar: what follows sends the wiki's cookies, not the tracker's.
curl -s -c cookies.txt -d "os_username=$WIKI_USER&os_password=$WIKI_PASS" "$WIKI_URL/dologin.action"
curl -s -b cookies.txt "$WIKI_URL/rest/api/content?title=Release"
