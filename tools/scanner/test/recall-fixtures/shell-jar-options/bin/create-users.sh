#!/bin/bash
JAR=/tmp/tracker-cookies.txt
curl -s -c "$JAR" -X POST "$TRACKER/rest/auth/1/session" \
  -H 'Content-Type: application/json' -d "{\"username\":\"$ADMIN_USER\",\"password\":\"$ADMIN_PASS\"}" -o /dev/null
# The XSRF token for the admin resources comes with the dashboard.
curl -s -b "$JAR" -c "$JAR" "$TRACKER/secure/Dashboard.jspa" -o /dev/null
for user in "${USERS[@]}"; do
  curl -s -b "$JAR" -X POST -H 'X-Atlassian-Token: no-check' -H 'Content-Type: application/json' \
    -d "{\"name\":\"$user\"}" "$TRACKER/rest/api/2/user"
done
rm -f "$JAR"
