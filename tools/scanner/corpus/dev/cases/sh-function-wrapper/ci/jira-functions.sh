#!/usr/bin/env bash

jira_call() {
  local method=$1 path=$2
  shift 2
  curl -sS -X "$method" -b "$COOKIES" -c "$COOKIES" -H 'Content-Type: application/json' "${JIRA_URL}${path}" "$@"
}

jira_login() {
  jira_call POST /rest/auth/1/session \
    -d "$(jq -n --arg u "$JIRA_USER" --arg p "$JIRA_PASS" '{username:$u,password:$p}')"
}

jira_login
jira_call GET "/rest/api/2/search?jql=fixVersion=${RELEASE}" | jq '.issues[].key'
