#!/bin/sh
# Each service keeps its own cookie file; the caller names both.
curl -s --cookie-jar "$TRACKER_JAR" -H 'Content-Type: application/json' -d @login.json "$TRACKER_URL/rest/auth/1/session"
curl -s --cookie "$PORTAL_JAR" --cookie-jar "$PORTAL_JAR" -d "username=$PORTAL_USER&password=$PORTAL_PASS" "$PORTAL_URL/pkmslogin.form"
curl -s --cookie "$PORTAL_JAR" "$PORTAL_URL/app/status"
