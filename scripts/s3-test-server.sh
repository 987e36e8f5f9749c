#!/usr/bin/env bash
# Starts a real S3-compatible server on 127.0.0.1 for the attachment storage
# tests: s3rver (npm package, version pinned below) with a temporary data
# directory. Source it; it sets JIAOYAN_TEST_S3 and stops the server when the
# sourcing shell exits. It fails (returns 1) if the server does not answer.
#   . scripts/s3-test-server.sh
s3rver_version=3.7.1
s3rver_home="${JIAOYAN_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/jiaoyan-tools}/s3rver-$s3rver_version"
if [ ! -x "$s3rver_home/node_modules/.bin/s3rver" ]; then
  mkdir -p "$s3rver_home"
  npm install --prefix "$s3rver_home" --no-audit --no-fund --silent "s3rver@$s3rver_version" >/dev/null
fi
s3rver_data="$(mktemp -d)"
s3rver_port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"$s3rver_home/node_modules/.bin/s3rver" -d "$s3rver_data" -a 127.0.0.1 -p "$s3rver_port" -s &
s3rver_pid=$!
trap 'kill "$s3rver_pid" 2>/dev/null; rm -rf "$s3rver_data"' EXIT
s3rver_up=""
for _ in $(seq 1 30); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$s3rver_port") 2>/dev/null; then s3rver_up=1; break; fi
  kill -0 "$s3rver_pid" 2>/dev/null || break
  sleep 1
done
if [ -z "$s3rver_up" ]; then
  echo "s3rver did not come up on 127.0.0.1:$s3rver_port" >&2
  return 1 2>/dev/null || exit 1
fi
# s3rver's fixed credentials are S3RVER / S3RVER.
export JIAOYAN_TEST_S3="http://S3RVER:S3RVER@127.0.0.1:$s3rver_port"
echo "S3-compatible server (s3rver $s3rver_version) at 127.0.0.1:$s3rver_port"
