#!/usr/bin/env bash
# Runs a command with a reachable OS keychain. On a machine without a D-Bus session (CI,
# headless Linux) it starts a private session with a fresh, unlocked gnome-keyring; the
# keyring lives in a temp XDG_DATA_HOME so a keyring left by an earlier run never asks for a
# password that cannot be typed. The command starts only once the keyring answers a write:
# gnome-keyring creates and unlocks its login collection after the daemon has returned, and a
# client that comes first is told "unlock prompt was dismissed".
set -euo pipefail

if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ "$(uname -s)" != "Linux" ]; then
  exec "$@"
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "with-keychain: dbus-run-session or gnome-keyring-daemon missing; keychain tests will skip" \
    "(or fail under CI=true). Install: apt-get install -y dbus gnome-keyring" >&2
  exec "$@"
fi

# The daemon's control socket goes to a private runtime directory too, never one shared with
# another session's daemon.
export XDG_DATA_HOME XDG_RUNTIME_DIR
XDG_DATA_HOME="$(mktemp -d -t jwtw-keyring-XXXXXX)"
XDG_RUNTIME_DIR="$(mktemp -d -t jwtw-runtime-XXXXXX)"
trap 'rm -rf "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"' EXIT
here="$(cd "$(dirname "$0")" && pwd)"
# The dbus-daemon's complaint about raising its fd limit is harmless noise. Should the keyring
# daemon exit mid-run (seen rarely under load), it is started again on the same keyring file,
# unlocked, and that is said on stderr: the calls in flight fail, the rest of the run does not.
dbus-run-session -- bash -c '
  start() { echo -n "jwtw-test-keyring" | gnome-keyring-daemon "$@" --unlock --components=secrets >/dev/null; }
  start
  node "$0/keychain-ready.mjs" || exit 1
  (
    # Only a bus that answers "no owner" means the daemon is gone: a slow or failed dbus-send
    # under load says nothing, and replacing a live daemon would drop the calls in flight.
    while sleep 1; do
      owner="$(dbus-send --session --print-reply --reply-timeout=5000 --dest=org.freedesktop.DBus \
        /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null)" || continue
      if printf "%s" "$owner" | grep -q "boolean false"; then
        echo "with-keychain: gnome-keyring-daemon exited; started again" >&2
        start --replace
      fi
    done
  ) &
  watchdog=$!
  "$@"
  status=$?
  kill "$watchdog" 2>/dev/null
  exit $status
' "$here" "$@" 2> >(grep -v "Failed to set fd limit" >&2)
