#!/usr/bin/env bash
# Stops the cluster start.sh started from $CLUSTERLAB_SLURM_RUN: cancels its jobs, then signals only
# the processes it recorded (checked against their command line) and those carrying its marker,
# with their descendants. It never kills by name.
set -uo pipefail
# Called from inside a job we would carry the marker ourselves and match our own shell.
[ -n "${CLUSTERLAB_SLURM_TAG:-}" ] && exec env -u CLUSTERLAB_SLURM_TAG bash "$0" "$@"

RUN="${CLUSTERLAB_SLURM_RUN:?set CLUSTERLAB_SLURM_RUN}"
export SLURM_CONF="$RUN/etc/slurm.conf"
TAG="$(cat "$RUN/tag" 2>/dev/null || true)"

say() { echo "[slurm stop] $*" >&2; }
alive() { local s; { read -r s < "/proc/$1/stat"; } 2>/dev/null || return 1; s=${s##*) }; [[ -n "$s" && "$s" != Z* ]]; }
children_of() {
  local stat pid rest
  for stat in /proc/[0-9]*/stat; do
    { read -r rest < "$stat"; } 2>/dev/null || continue
    pid=${rest%% *}; rest=${rest##*) }; rest=${rest#* }
    if [ "${rest%% *}" = "$1" ]; then echo "$pid"; children_of "$pid"; fi
  done
}
recorded() {
  local pid; [ -s "$RUN/$1" ] || return 0; pid=$(cat "$RUN/$1")
  alive "$pid" && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF "$RUN" && echo "$pid"
  return 0
}
marked() {
  [ -n "$TAG" ] || return 0
  local env pid
  for env in /proc/[0-9]*/environ; do
    pid=${env#/proc/}; pid=${pid%/environ}
    [ "$pid" = $$ ] && continue
    if grep -qzxF "CLUSTERLAB_SLURM_TAG=$TAG" "$env" 2>/dev/null && alive "$pid"; then echo "$pid"; children_of "$pid"; fi
  done | sort -un
}
terminate() { # seconds pid...: TERM, wait, then KILL
  local wait=$1 pid left; shift; [ $# -gt 0 ] || return 0
  kill -TERM "$@" 2>/dev/null
  for _ in $(seq $(( wait * 10 ))); do
    left=""; for pid in "$@"; do alive "$pid" && left+=" $pid"; done
    [ -z "$left" ] && return 0
    sleep 0.1
  done
  say "KILL after ${wait}s:$left"; kill -KILL $left 2>/dev/null; sleep 0.2
}

CTLD=$(recorded slurmctld.started); SLURMD=$(recorded slurmd.started); MUNGED=$(recorded munged.pid)
if [ -n "$CTLD" ]; then
  jobs=$(squeue -h -o %F 2>/dev/null | sort -u | tr '\n' ' ')
  if [ -n "${jobs// }" ]; then
    scancel $jobs 2>/dev/null
    for _ in $(seq 75); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.2; done
  fi
fi
terminate 10 $SLURMD
terminate 15 $CTLD
rest=$(marked | grep -vxF -e "${MUNGED:-none}" | tr '\n' ' ')
[ -n "${rest// }" ] && terminate 5 $rest
terminate 5 $MUNGED
rm -f "$RUN"/*.pid "$RUN"/*.started
say "stopped"
