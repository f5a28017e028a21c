#!/usr/bin/env bash
# Server RSS and heap (after a full GC) before and after N idle WebSocket connections; see docs/operations.md.
# Usage: scripts/measure-idle-connections.sh N   (after ./mvnw -q -DskipTests package && ./mvnw -q test-compile)
set -u
N=$1
cd "$(dirname "$0")/.."
java -jar transport/target/tokenfeed-server.jar --simulator.enabled=false --limits.max-connections=20000 \
  --limits.max-connections-per-ip=20000 --connection.heartbeat-interval-ms=600000 > /tmp/idle-server-$N.log 2>&1 &
SERVER=$!
until grep -q "listening" /tmp/idle-server-$N.log; do sleep 0.2; done
measure() {
  jcmd $SERVER GC.run > /dev/null
  sleep 1
  local rss=$(awk '/VmRSS/ {print $2}' /proc/$SERVER/status)
  local heap=$(jcmd $SERVER GC.heap_info | awk '/garbage-first heap/ {for(i=1;i<=NF;i++) if ($i=="used") print $(i+1)}' | tr -d 'K')
  echo "$rss $heap"
}
read RSS0 HEAP0 < <(measure)
java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp transport/target/tokenfeed-server.jar:transport/target/test-classes \
  io.tokenfeed.transport.tools.IdleConnections 8080 $N > /tmp/idle-client-$N.log 2>&1 &
CLIENT=$!
until grep -q "^open" /tmp/idle-client-$N.log; do sleep 0.5; done
sleep 2
read RSS1 HEAP1 < <(measure)
echo "N=$N rss_before_kb=$RSS0 rss_after_kb=$RSS1 heap_before_kb=$HEAP0 heap_after_kb=$HEAP1 rss_per_conn_bytes=$(( (RSS1-RSS0)*1024/N )) heap_per_conn_bytes=$(( (HEAP1-HEAP0)*1024/N ))"
kill $CLIENT; kill $SERVER; wait 2>/dev/null
