#!/bin/sh
curl -s -b "$JAR" --request=DELETE "$TRACKER/rest/auth/1/session"
wget --method=DELETE --load-cookies "$JAR" "$TRACKER/rest/auth/latest/session"
