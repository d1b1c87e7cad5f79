#!/bin/bash
. env.sh

PLAN 2

RUNS $jira login
RUNS $jira req /rest/auth/1/session </dev/null
