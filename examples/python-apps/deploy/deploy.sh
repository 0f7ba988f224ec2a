#!/usr/bin/env bash
# Deploys $RUNBOOK_REF of one service ($RUNBOOK_SERVICE) on this machine: the
# commit's files go to a release directory under APPS_DIR, the previous
# release is stopped, the new one is started in the background with a pid
# file and a log file, and the script returns once it listens on its port.
# Runbook runs it at deploy, update-component and rollback; by hand:
#   RUNBOOK_SERVICE=flask RUNBOOK_REF=$(git rev-parse HEAD) deploy/deploy.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

ref=${RUNBOOK_REF:-}
version=${RUNBOOK_VERSION:-}
[[ $ref =~ ^[0-9a-f]{40}$ ]] ||
  fail "RUNBOOK_REF is '$ref'; allowed: a full 40-character commit SHA"
[[ $version =~ ^[A-Za-z0-9._-]{0,100}$ ]] ||
  fail "RUNBOOK_VERSION is '$version'; allowed: a tag name such as deployment-20250101-120000"

# The release: the files of this directory at $ref, taken from git (never
# from the working tree), unpacked once per commit and reused by a rollback.
app_root=$(cd "$here/.." && pwd)
prefix=$(git -C "$app_root" rev-parse --show-prefix) ||
  fail "$app_root is not in a git repository"
release=$apps_dir/releases/$ref
if [[ ! -d $release ]]; then
  unpacking=$(mktemp -d "$apps_dir/releases/.unpacking.XXXXXX")
  if ! git -C "$app_root" archive --format=tar "$ref:$prefix" |
    tar -x -C "$unpacking"; then
    rm -rf "$unpacking"
    fail "could not read commit ${ref:0:7} from the repository at $app_root"
  fi
  # Another deploy may have unpacked the same commit meanwhile: keep theirs.
  mv -T "$unpacking" "$release" 2>/dev/null || rm -rf "$unpacking"
fi
[[ -d $release/$app_dir ]] ||
  fail "commit ${ref:0:7} has no $prefix$app_dir directory"

case $service in
  fastapi)
    server_module=uvicorn
    command=("$python" -m uvicorn main:app --host "$host" --port "$port")
    ;;
  flask)
    server_module=flask
    if "$python" -c 'import gunicorn' 2>/dev/null; then
      server=gunicorn
      command=("$python" -m gunicorn --bind "$host:$port" --workers 2
        --access-logfile - app:app)
    else
      server="Flask's own server (gunicorn is not installed for $python)"
      command=("$python" -m flask --app app run --host "$host" --port "$port")
    fi
    echo "flask: served by $server"
    ;;
  gradio)
    server_module=uvicorn
    command=("$python" -m uvicorn app:app --host "$host" --port "$port")
    ;;
esac
# The server is checked here; what the app itself imports shows in its log
# if it exits at start-up.
"$python" -c "import $server_module" 2>/dev/null ||
  fail "$service: $python cannot import $server_module; install $prefix$app_dir/requirements.txt for it, or set APPS_PYTHON to a Python that has them"

# Somebody else's program on our port is a failure, never something to stop
# or to mistake for our app: the port is ours only when the app we started
# runs and was started on this very port.
ours_on_port=false
if running_pid >/dev/null &&
  [[ $(cut -d ' ' -f 3 "$release_file" 2>/dev/null) == "$port" ]]; then
  ours_on_port=true
fi
if ! $ours_on_port && port_open; then
  busy_port "$(listener)"
fi
stop_app
port_open && busy_port "$(listener)"

# A new session (setsid) gives the app its own process group, so that a stop
# reaches its workers; a clean environment keeps the runner's variables and
# Runbook's out of it: the app gets only what is listed here.
echo "=== $(date -u +%FT%TZ) $service ${version:-untagged} ${ref:0:7}: ${command[*]}" >>"$log_file"
cd "$release/$app_dir"
env -i PATH="$PATH" HOME="$HOME" LANG="${LANG:-C.UTF-8}" PYTHONUNBUFFERED=1 \
  APP_SERVICE="$service" APP_VERSION="$version" APP_COMMIT="$ref" \
  setsid "${command[@]}" </dev/null >>"$log_file" 2>&1 &
pid=$!
echo "$pid" >"$pid_file"
echo "$ref ${version:-untagged} $port" >"$release_file"

# Bounded wait for the port, watching the process: an app that exits is
# reported at once with the end of its log.
deadline=$((SECONDS + start_seconds))
until port_open; do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pid_file" "$release_file"
    echo "--- the last lines of $log_file:" >&2
    tail -n 20 "$log_file" >&2
    fail "$service: the app exited before listening on port $port"
  fi
  if ((SECONDS >= deadline)); then
    echo "--- the last lines of $log_file:" >&2
    tail -n 20 "$log_file" >&2
    stop_app
    fail "$service: the app did not listen on port $port within $start_seconds s (APPS_START_SECONDS); stopped it"
  fi
  sleep 0.1
done
echo "$service: ${version:-untagged} (${ref:0:7}) listens on $host:$port, pid $pid, log $log_file"

# Keep the releases that run and the five newest; remove the others.
keep=$(cut -d ' ' -f 1 "$apps_dir"/run/*.release 2>/dev/null || true)
find "$apps_dir/releases" -mindepth 1 -maxdepth 1 -type d -name '[0-9a-f]*' \
  -printf '%T@ %f\n' | sort -rn | tail -n +6 | while read -r _ old; do
  grep -qx "$old" <<<"$keep" || rm -rf "${apps_dir:?}/releases/$old"
done
