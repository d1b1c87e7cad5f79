#!/bin/bash
tracker_login() {
  curl -s --cookie-jar "$1" -H 'Content-Type: application/json' -d @login.json "$TRACKER_URL/rest/auth/1/session" > /dev/null
}
portal_login() {
  curl -s --cookie-jar "$1" -d "username=$PORTAL_USER&password=$PORTAL_PASS" "$PORTAL_URL/login"
}
tracker_jar=$(mktemp)
portal_jar=$(mktemp)
tracker_login "$tracker_jar"
portal_login "$portal_jar"
curl -s --cookie "$portal_jar" "$PORTAL_URL/api/items"
curl -s --cookie "$tracker_jar" "$TRACKER_URL/rest/api/2/issue/$KEY"
