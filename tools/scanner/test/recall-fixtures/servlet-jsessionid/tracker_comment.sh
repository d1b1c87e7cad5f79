#!/bin/sh
curl -s -H "Cookie: JSESSIONID=$SID" -d @comment.json "$TRACKER/rest/api/2/issue/$KEY/comment"
