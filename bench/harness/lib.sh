# Helpers for bench/run-benchmarks.sh (sourced). Everything listens on 127.0.0.1 only, on ports
# picked free at run time, and is stopped by the PID this file recorded.

# A TCP port free on 127.0.0.1 right now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# wait_listen PORT SECONDS [PID]: until something LISTENs on 127.0.0.1:PORT (fails early if PID dies).
wait_listen() {
  local port=$1 secs=$2 pid=${3:-} i
  for ((i = 0; i < secs * 5; i++)); do
    ss -Hltn "sport = :$port" 2>/dev/null | grep -q . && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.2
  done
  return 1
}

# set_cfg FILE KEY VALUE: replace "KEY = ..." in a Karaf .cfg file, or append it.
set_cfg() {
  local f=$1 k=$2 v=$3
  if grep -qE "^[#[:space:]]*$k[[:space:]]*=" "$f"; then
    sed -i -E "s|^[#[:space:]]*$k[[:space:]]*=.*|$k = $v|" "$f"
  else
    echo "$k = $v" >>"$f"
  fi
}

# start_ours DIR USERS...: copies the assembly to DIR, configures it (plain TCP, free ports,
# example.com users with password "secret", limits for 10,000 sessions from one address) and starts
# it. Sets OURS_PORT, OURS_PID, OURS_JMX.
start_ours() {
  local dir=$1; shift
  local asm=${ASSEMBLY:-$ROOT/karaf-assembly/target/assembly}
  [ -x "$asm/bin/start" ] || { echo "no assembly at $asm: run mvn -B -pl bundles/relay,karaf-assembly -am install -DskipTests" >&2; return 1; }
  rm -rf "$dir"; cp -a "$asm" "$dir"
  rm -rf "$dir/data" "$dir/karaf.pid"
  OURS_PORT=$(free_port)
  local ssh=$(free_port) reg=$(free_port) srv=$(free_port)
  local etc=$dir/etc
  set_cfg "$etc/org.msrprelay.relay.cfg" address 127.0.0.1
  set_cfg "$etc/org.msrprelay.relay.cfg" port "$OURS_PORT"
  set_cfg "$etc/org.msrprelay.relay.cfg" debug_notls "${OURS_NOTLS:-true}"
  set_cfg "$etc/org.msrprelay.relay.cfg" default_domain example.com
  set_cfg "$etc/org.msrprelay.relay.cfg" hostname 127.0.0.1
  set_cfg "$etc/org.msrprelay.relay.cfg" max_connections_per_address 50000
  local u
  for u in "$@"; do echo "$u@example.com = secret" >>"$etc/org.msrprelay.auth.memory.cfg"; done
  set_cfg "$etc/org.apache.karaf.shell.cfg" sshPort "$ssh"
  set_cfg "$etc/org.apache.karaf.management.cfg" rmiRegistryPort "$reg"
  set_cfg "$etc/org.apache.karaf.management.cfg" rmiServerPort "$srv"
  OURS_JMX="service:jmx:rmi://127.0.0.1:$srv/jndi/rmi://127.0.0.1:$reg/karaf-root"
  # this Karaf's bin/inc ignores JAVA_MAX_MEM: the heap goes in through EXTRA_JAVA_OPTS
  EXTRA_JAVA_OPTS="-Xms${OURS_HEAP:-2g} -Xmx${OURS_HEAP:-2g} ${OURS_JAVA_OPTS:-}" "$dir/bin/start" >/dev/null
  local i
  for ((i = 0; i < 50; i++)); do [ -s "$dir/karaf.pid" ] && break; sleep 0.2; done
  OURS_PID=$(cat "$dir/karaf.pid" 2>/dev/null || true)
  [ -n "$OURS_PID" ] || { echo "karaf wrote no pid file" >&2; return 1; }
  if ! wait_listen "$OURS_PORT" 90 "$OURS_PID"; then
    echo "our relay did not listen on $OURS_PORT; log tail:" >&2
    tail -20 "$dir/data/log/karaf.log" >&2
    return 1
  fi
  # the JMX connector comes up with the management bundle, usually before the relay; wait anyway
  wait_listen "$reg" 30 "$OURS_PID" || true
}

# stop_ours DIR: bin/stop, then the recorded PID (TERM, then KILL) until it is gone.
stop_ours() {
  local dir=$1 pid i
  [ -f "$dir/karaf.pid" ] || return 0
  pid=$(cat "$dir/karaf.pid")
  "$dir/bin/stop" >/dev/null 2>&1 || true
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null; sleep 2; fi
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null; fi
  rm -f "$dir/karaf.pid"
}
