#!/usr/bin/env bash
# Starts the Debian Firebird 3 server (apt's own start is blocked by policy-rc.d in containers) and waits
# until it accepts connections on 127.0.0.1:3050.
set -euo pipefail
port_open() { (exec 3<>/dev/tcp/127.0.0.1/3050) 2>/dev/null; }
if ! port_open; then
  service firebird3.0 start >/dev/null 2>&1 || true
fi
if ! port_open; then
  install -d -o firebird -g firebird -m 0770 /run/firebird3.0
  su -s /bin/sh firebird -c '/usr/sbin/fbguard -daemon -forever -pidfile /run/firebird3.0/firebird.pid'
fi
for _ in $(seq 1 50); do
  if port_open; then echo "Firebird listening on 127.0.0.1:3050"; exit 0; fi
  sleep 0.2
done
echo "Firebird did not start" >&2
exit 1
