#!/bin/bash
# Nightly ops: each service gets its own cookie file; only the tracker's comes from its session resource.
opts="-s"
curl "$opts" -c tracker.txt -H 'Content-Type: application/json' -d @login.json "$TRACKER_URL/rest/auth/1/session"
curl "$opts" -X POST -d "j_username=$RD_USER" -d "j_password=$RD_PASS" -c rundeck.txt -b rundeck.txt "$RUNDECK_URL/j_security_check"
curl "$opts" -H 'Accept: application/json' -b rundeck.txt -c rundeck.txt "$RUNDECK_URL/api/44/projects"
curl "$opts" -c grafana.txt -H 'Content-Type: application/json' -d "{\"user\":\"$GF_USER\",\"password\":\"$GF_PASS\"}" "$GRAFANA_URL/login"
curl "$opts" -b grafana.txt -H 'Content-Type: application/json' -d '{"name":"ops","role":"Viewer"}' "$GRAFANA_URL/api/auth/keys"
CRUMB=$(curl "$opts" --cookie-jar ci.txt -u "$CI_USER:$CI_TOKEN" "$CI_URL/crumbIssuer/api/json" | jq -r .crumb)
curl "$opts" --cookie ci.txt -u "$CI_USER:$CI_TOKEN" -H "Jenkins-Crumb: $CRUMB" -X POST "$CI_URL/job/nightly/build"
wget -q -O /dev/null --save-cookies wiki.txt --keep-session-cookies --post-data "user=$WIKI_USER&pw=$WIKI_PASS" "$WIKI_URL/login"
wget -q -O page.html --load-cookies wiki.txt "$WIKI_URL/page?id=42"
curl "$opts" -b "csrftoken=$CSRF" "$APP_URL/orders/status"
curl "$opts" -b tracker.txt -o issues.json "$TRACKER_URL/rest/api/2/search?jql=updated>-1d"
