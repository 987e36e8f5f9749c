#!/usr/bin/env bash
# Copies the front-end packages (htmx, ECharts) from npm into the folder the
# binary embeds. Runs `npm ci` first when node_modules is missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/htmx.org ] || [ ! -d node_modules/echarts ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dest=internal/web/static/vendor
mkdir -p "$dest"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.min.js"
cp node_modules/echarts/dist/echarts.min.js "$dest/echarts.min.js"
echo "assets: htmx $(node -p 'require("./node_modules/htmx.org/package.json").version'), echarts $(node -p 'require("./node_modules/echarts/package.json").version') -> $dest"
