#!/usr/bin/env bash
# Runs the browser tests (e2e/) afresh and says loudly when they were skipped
# because no chromium is installed. With JIAOYAN_BROWSER=1 (CI) a skip fails.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"${GO:-go}" test -count=1 -v ./e2e/ >"$out" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
  cat "$out"
else
  grep -E '^(--- (PASS|SKIP)|ok |PASS$)' "$out"
fi
# Only a skip for want of chromium is a skipped browser test; others (the
# multi-process test without PostgreSQL) say why in their own line.
if grep -q 'chromium not installed' "$out"; then
  echo
  echo "!!! 浏览器测试已跳过：未找到 chromium。安装：apt-get install chromium fonts-wqy-microhei"
  echo "!!! Browser tests were SKIPPED: install Debian chromium and fonts-wqy-microhei to run them."
  if [ "${JIAOYAN_BROWSER:-}" = 1 ]; then
    echo "!!! JIAOYAN_BROWSER=1: skipped browser tests count as a failure."
    exit 1
  fi
fi
exit $rc
