#!/bin/sh
touch cookies.txt
curl -s -c cookies.txt -b cookies.txt -X POST -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"'"$ADMIN_PASS"'"}' http://127.0.0.1:8081/api/authenticate
curl -s -b cookies.txt http://127.0.0.1:8081/api/account
