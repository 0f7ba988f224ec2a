#!/usr/bin/env bash
# Stops one service ($RUNBOOK_SERVICE) that deploy.sh started on this machine
# and leaves it stopped: nothing restarts it until the next deploy. Runbook
# runs it at emergency stop; by hand: RUNBOOK_SERVICE=flask deploy/stop.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$here/common.sh"

if running_pid >/dev/null; then
  stop_app
  echo "$service: stopped"
else
  rm -f "$pid_file" "$release_file"
  echo "$service: was not running"
fi
# Whatever still answers on the port is not ours and is left alone, but the
# service is not stopped as far as its users can tell: say so and fail.
port_open && busy_port "$(listener)"
exit 0
