# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this
# Shared by deploy.sh and stop.sh: where releases, pid files and logs live,
# which port and command each service uses, and how to stop what we started.
# Everything lives under APPS_DIR, outside any checkout, because a rollback
# runs the target version's scripts from a temporary git worktree that is
# removed afterwards.

fail() {
  echo "error: $*" >&2
  exit 1
}

service=${RUNBOOK_SERVICE:-}
apps_dir=${APPS_DIR:-${HOME:?HOME is not set}/.runbook-apps}
python=${APPS_PYTHON:-/usr/bin/python3}
host=${APPS_HOST:-127.0.0.1}
start_seconds=${APPS_START_SECONDS:-60}

case $service in
  fastapi)
    port=${FASTAPI_PORT:-8000}
    port_name=FASTAPI_PORT
    app_dir=fastapi_app
    ;;
  flask)
    port=${FLASK_PORT:-5000}
    port_name=FLASK_PORT
    app_dir=flask_app
    ;;
  gradio)
    port=${GRADIO_PORT:-7860}
    port_name=GRADIO_PORT
    app_dir=gradio_app
    ;;
  *)
    fail "RUNBOOK_SERVICE is '$service'; allowed: fastapi, flask or gradio"
    ;;
esac

if ! [[ $port =~ ^[0-9]{1,5}$ ]] || ((port < 1 || port > 65535)); then
  fail "$port_name is '$port'; allowed: a port number from 1 to 65535"
fi
if ! [[ $start_seconds =~ ^[0-9]{1,4}$ ]] || ((start_seconds < 1)); then
  fail "APPS_START_SECONDS is '$start_seconds'; allowed: whole seconds from 1 to 9999"
fi
[[ $apps_dir == /* ]] ||
  fail "APPS_DIR is '$apps_dir'; allowed: an absolute path"

# Where to connect to see whether the port is taken: a wildcard bind address
# is reached on the loopback interface.
case $host in
  0.0.0.0 | '') probe_host=127.0.0.1 ;;
  :: | '[::]') probe_host=::1 ;;
  *) probe_host=$host ;;
esac

pid_file=$apps_dir/run/$service.pid
release_file=$apps_dir/run/$service.release
log_file=$apps_dir/logs/$service.log
mkdir -p "$apps_dir/run" "$apps_dir/logs" "$apps_dir/releases"

# True when something accepts connections on the service's port.
port_open() {
  # shellcheck disable=SC2016 # expanded by the inner bash, from its arguments
  timeout 2 bash --norc --noprofile -c 'exec 3<>"/dev/tcp/$0/$1"' \
    "$probe_host" "$port" 2>/dev/null
}

# Names the process listening on the port, when `ss` can tell.
listener() {
  command -v ss >/dev/null || return 0
  ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'users:(.*)' | head -n 1
}

# Prints the pid of the app this script started, if it still runs. A pid in
# the file is trusted only when that process's working directory is one of
# our releases, so that a pid reused by another program is never killed.
running_pid() {
  local pid cwd
  [[ -f $pid_file ]] || return 1
  pid=$(<"$pid_file")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -d /proc/$pid ]]; then
    cwd=$(readlink "/proc/$pid/cwd" 2>/dev/null) || return 1
    [[ $cwd == "$apps_dir"/releases/* ]] || return 1
  fi
  echo "$pid"
}

# Waits up to $2 tenths of a second for process $1 to be gone.
wait_gone() {
  local pid=$1 tenths=$2
  while ((tenths-- > 0)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  ! kill -0 "$pid" 2>/dev/null
}

# Stops the app this script started: TERM to its whole process group (the
# server and its workers), then KILL after 15 s. The pid file goes with it.
stop_app() {
  local pid
  if pid=$(running_pid); then
    local ref version on_port
    read -r ref version on_port <"$release_file" 2>/dev/null || true
    echo "$service: stopping pid $pid (${version:-unknown release} ${ref:0:7} on port ${on_port:-?})"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 150; then
      echo "$service: pid $pid ignored TERM for 15 s; sending KILL"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 50 || fail "$service: pid $pid survived KILL"
    fi
  fi
  rm -f "$pid_file" "$release_file"
}

busy_port() {
  fail "$service: port $port on $probe_host is in use by another program${1:+ ($1)}, not by the $service app these scripts started; stop it or set $port_name to a free port"
}
