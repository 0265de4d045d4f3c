#!/usr/bin/env bash
# Starts a private one-node SLURM cluster (munged, slurmctld, slurmd) for the sweep tests, as root
# and without systemd; everything lives under $CLUSTERLAB_SLURM_RUN. Prints `export SLURM_CONF=...`
# on stdout when the node is idle; diagnostics go to stderr. stop.sh undoes it.
#
# Pitfalls this handles (found on 2-core CI containers):
# - munged wants its key folder private (0700), its socket folder world-readable (0755) and every
#   folder above the socket searchable by all;
# - array tasks start two at a time every few seconds unless batch_sched_delay and
#   sched_min_interval are 0;
# - PID 1 may reap orphans late, so a stopped daemon lingers as a zombie: "alive" is read from
#   /proc/PID/stat rather than `kill -0`;
# - slurmstepd and job processes detach from slurmd, so every process we start carries a marker in
#   its environment (CLUSTERLAB_SLURM_TAG, set for tasks by a TaskProlog) by which stop.sh finds them.
set -euo pipefail

RUN="${CLUSTERLAB_SLURM_RUN:?set CLUSTERLAB_SLURM_RUN to a private folder}"
CTLD_PORT="${CLUSTERLAB_SLURM_CTLD_PORT:-6817}"
SLURMD_PORT="${CLUSTERLAB_SLURM_SLURMD_PORT:-6818}"
TIMEOUT="${CLUSTERLAB_SLURM_TIMEOUT:-60}"
NODE="$(hostname -s 2>/dev/null || uname -n | cut -d. -f1)"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { echo "[slurm start] $*" >&2; }
alive() { local s; { read -r s < "/proc/$1/stat"; } 2>/dev/null || return 1; s=${s##*) }; [[ -n "$s" && "$s" != Z* ]]; }
fail() {
  say "ERROR: $*"
  for f in "$RUN"/log/*; do [ -f "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }; done
  exit 1
}

[ "$(id -u)" = 0 ] || { say "must run as root (slurmd runs jobs as their user)"; exit 1; }
for bin in slurmctld slurmd sbatch munged mungekey; do
  command -v "$bin" >/dev/null || { say "$bin not found: apt-get install slurmctld slurmd slurm-client munge"; exit 3; }
done
for f in munged.pid slurmctld.started slurmd.started; do
  if [ -s "$RUN/$f" ] && alive "$(cat "$RUN/$f")"; then say "a cluster already runs from $RUN; run stop.sh first"; exit 1; fi
done
trap 'rc=$?; [ $rc -eq 0 ] || { say "start failed, stopping what started"; "$HERE/stop.sh" || true; }' EXIT

# munged also wants every folder above its socket searchable by all (mkdtemp's 0700 is not).
d=$(dirname "$RUN")
while [ "$d" != / ]; do
  [ "$(( 0$(stat -c %a "$d") & 01 ))" = 1 ] || { say "$d is not searchable by all (chmod o+x it): munged refuses a socket below it"; exit 1; }
  d=$(dirname "$d")
done
rm -rf "$RUN"
mkdir -p "$RUN"/{etc,state,spool,log,key,sock}
chmod 700 "$RUN/key"
chmod 755 "$RUN/sock"
TAG="$(cat /proc/sys/kernel/random/uuid)"
echo "$TAG" > "$RUN/tag"

SOCKET="$RUN/sock/munge.socket"
mungekey -c -k "$RUN/key/munge.key" 2>>"$RUN/log/munged.out"
CLUSTERLAB_SLURM_TAG="$TAG" munged -S "$SOCKET" --key-file="$RUN/key/munge.key" --log-file="$RUN/log/munged.log" \
  --pid-file="$RUN/munged.pid" --seed-file="$RUN/key/munged.seed" </dev/null >>"$RUN/log/munged.out" 2>&1 || fail "munged did not start"
munge -n -S "$SOCKET" </dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 || fail "munge cannot decode its own credential"

# The node line comes from slurmd's view of this machine, so the node never drains for "low CPUs".
HARDWARE=$(slurmd -C 2>/dev/null | head -n 1)
[[ "$HARDWARE" == NodeName=* ]] || fail "slurmd -C printed: $HARDWARE"
CONF="$RUN/etc/slurm.conf"
: > "$RUN/etc/plugstack.conf"
printf '#!/bin/sh\necho "export CLUSTERLAB_SLURM_TAG=%s"\n' "$TAG" > "$RUN/etc/task_prolog.sh"
chmod 755 "$RUN/etc/task_prolog.sh"
cat > "$CONF" <<CONF
ClusterName=clusterlab-test
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
PlugStackConfig=$RUN/etc/plugstack.conf
TaskProlog=$RUN/etc/task_prolog.sh
StateSaveLocation=$RUN/state
SlurmdSpoolDir=$RUN/spool
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$RUN/log/slurmctld.log
SlurmdLogFile=$RUN/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
MailProg=/bin/true
ReturnToService=2
MinJobAge=600
KillWait=5
InactiveLimit=0
NodeName=$NODE ${HARDWARE#NodeName=* } NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$CONF"

CLUSTERLAB_SLURM_TAG="$TAG" slurmctld -D -i -f "$CONF" </dev/null >>"$RUN/log/slurmctld.out" 2>&1 &
echo $! > "$RUN/slurmctld.started"
deadline=$(( $(date +%s) + TIMEOUT ))
until scontrol ping 2>/dev/null | grep -q 'is UP'; do
  alive "$(cat "$RUN/slurmctld.started")" || fail "slurmctld exited"
  [ "$(date +%s)" -lt "$deadline" ] || fail "slurmctld not up after ${TIMEOUT}s"
  sleep 0.2
done

CLUSTERLAB_SLURM_TAG="$TAG" slurmd -D -N "$NODE" -f "$CONF" </dev/null >>"$RUN/log/slurmd.out" 2>&1 &
echo $! > "$RUN/slurmd.started"
resumed=0
while :; do
  state=$(sinfo -h -n "$NODE" -o %t 2>/dev/null || true)
  [ "$state" = idle ] && break
  alive "$(cat "$RUN/slurmd.started")" || fail "slurmd exited"
  if [[ $resumed = 0 && "$state" =~ ^(down|drain|drng|unk) ]]; then scontrol update nodename="$NODE" state=resume 2>/dev/null || true; resumed=1; fi
  [ "$(date +%s)" -lt "$deadline" ] || fail "node $NODE not idle after ${TIMEOUT}s (state '$state')"
  sleep 0.2
done
say "node $NODE idle (slurmctld on port $CTLD_PORT)"
echo "export SLURM_CONF=$CONF"
