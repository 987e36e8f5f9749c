#!/usr/bin/env bash
# nginx-multi.sh — put several `jiaoyan serve` processes behind one nginx.
#
# Usage:
#   scripts/nginx-multi.sh DIR LISTEN BACKEND...
#     DIR      a directory of its own: nginx.conf, the pid file, logs and
#              temp files go there (created if missing)
#     LISTEN   where nginx listens, e.g. 127.0.0.1:8080
#     BACKEND  one host:port per serve process, e.g. 127.0.0.1:8081
#
#   Example, two processes on one PostgreSQL:
#     export JIAOYAN_DB=postgres://jiaoyan@127.0.0.1:5432/jiaoyan JIAOYAN_TRUST_PROXY=true
#     ./jiaoyan serve --addr 127.0.0.1:8081 &
#     ./jiaoyan serve --addr 127.0.0.1:8082 &
#     scripts/nginx-multi.sh /tmp/jiaoyan-nginx 127.0.0.1:8080 127.0.0.1:8081 127.0.0.1:8082
#   Stop it with: nginx -p /tmp/jiaoyan-nginx -c nginx.conf -s quit
#   (or kill "$(cat /tmp/jiaoyan-nginx/nginx.pid)").
#
# What the config does:
#   - one upstream of all BACKENDs; a backend that refuses the connection (a
#     killed process) is skipped for 10 s and the request goes to the next
#     one. A GET that fails half-way is retried on the next one too; a POST
#     already sent to a process that dies is not (it may have committed):
#     the client gets 502 and the write counts as not acknowledged;
#   - X-Forwarded-For/-Proto and Host passed on (serve with
#     JIAOYAN_TRUST_PROXY=true so the audit log records the client address);
#   - request bodies up to 64 MiB (imports, attachments), long reads for
#     exports and reports;
#   - the loopback variant without TLS, for tests and for a TLS terminator
#     in front. For production put `listen 443 ssl;` with ssl_certificate
#     lines in the server block and set JIAOYAN_SECURE_COOKIES=true.
# nginx runs as the calling user with a pid file (daemon on), and only on
# the address given; this script refuses a LISTEN that is not loopback
# unless NGINX_MULTI_PUBLIC=1.
set -euo pipefail

if [ $# -lt 3 ]; then
  sed -n '2,16p' "$0" >&2
  exit 2
fi
dir=$1 listen=$2
shift 2
case "$listen" in
  127.*|localhost:*|\[::1\]:*) ;;
  *) [ "${NGINX_MULTI_PUBLIC:-}" = 1 ] || { echo "nginx-multi: $listen is not a loopback address (set NGINX_MULTI_PUBLIC=1 to allow)" >&2; exit 2; } ;;
esac
command -v nginx >/dev/null || { echo "nginx-multi: nginx is not installed (apt-get install nginx)" >&2; exit 3; }
mkdir -p "$dir/logs" "$dir/tmp"
dir=$(cd "$dir" && pwd)

servers=""
for b in "$@"; do
  servers+="    server $b max_fails=1 fail_timeout=10s;"$'\n'
done

user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"

cat >"$dir/nginx.conf" <<EOF
# written by scripts/nginx-multi.sh
$user_line
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log $dir/logs/access.log;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  upstream jiaoyan {
$servers    keepalive 32;
  }
  server {
    listen $listen;
    client_max_body_size 64m;
    location / {
      proxy_pass http://jiaoyan;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_connect_timeout 2s;
      proxy_read_timeout 300s;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
    }
  }
}
EOF

nginx -t -q -p "$dir" -c nginx.conf
nginx -p "$dir" -c nginx.conf
for _ in $(seq 1 50); do
  [ -s "$dir/nginx.pid" ] && break
  sleep 0.1
done
echo "nginx-multi: http://$listen -> $* (pid $(cat "$dir/nginx.pid"), config $dir/nginx.conf)"
