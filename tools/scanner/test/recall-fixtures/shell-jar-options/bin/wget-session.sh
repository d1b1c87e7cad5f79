#!/bin/sh
wget -q -O /dev/null --save-cookies session.txt --keep-session-cookies --header 'Content-Type: application/json' --post-file login.json "$TRACKER_URL/rest/auth/1/session"
wget -q -c -b -O build.tgz "$ARTIFACTS_URL/build.tgz"
wget -q -O issue.json --load-cookies=session.txt "$TRACKER_URL/rest/api/2/issue/$KEY"
