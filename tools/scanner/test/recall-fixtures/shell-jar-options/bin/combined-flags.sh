#!/bin/bash
set -eu
curl -sSc tracker.jar -H 'Content-Type: application/json' -d @login.json "$TRACKER_URL/rest/auth/1/session"
curl -sSb tracker.jar "$TRACKER_URL/rest/api/2/issue/$KEY"
curl $CURL_OPTS -sSb tracker.jar "$TRACKER_URL/rest/api/2/search?jql=assignee=currentUser()"
