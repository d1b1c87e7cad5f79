#!/usr/bin/env bash
# What `npm run bench` needs beyond npm: Debian's ripgrep, the scanner benchmark's reference
# (npm's ripgrep packages download their binary from GitHub at install, which this network refuses).
set -euo pipefail
command -v rg >/dev/null && exit 0
echo "Installing Debian's ripgrep for the scanner benchmark"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq ripgrep >/dev/null
