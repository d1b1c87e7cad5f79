#!/usr/bin/env bash
# What `npm run bench` needs beyond npm: Debian's ripgrep, a peer of the scanner benchmark (npm's ripgrep
# packages download their binary from GitHub at install, which this network refuses), GNU time (every tool's
# peak RSS) and taskset (util-linux; SCANNER_BENCH_CPUS). ast-grep comes from npm (@ast-grep/cli, its native
# binary package; the bench runs that binary directly, so its postinstall is not needed).
set -euo pipefail
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
command -v taskset >/dev/null || missing+=(util-linux)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian's ${missing[*]} for the scanner benchmark"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
