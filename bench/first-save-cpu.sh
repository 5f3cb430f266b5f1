#!/usr/bin/env bash
# CPU seconds (user + sys, /usr/bin/time) of a first save of W2 (377 MB, 220 binaries) and W3 (one 1 GiB
# random file): `kamaros commit` through the launcher and `borg create` (borg 1.x: --encryption=none,
# --compression lz4, its default), on the same data, warm page cache. CPU, not wall: the machine may be shared.
#
#   bench/first-save-cpu.sh -d DATA_DIR [-n RUNS] [-w W2,W3] [-a APP_DIR]... [-b]
#
# DATA_DIR holds W2/ and W3/ as `SideBySideBenchmark --generate --dir DATA_DIR` writes them (made here when
# absent, from target/classes and target/test-classes). APP_DIR holds the kamaros launcher (default: target);
# several -a alternate run by run. -b also runs borg. Prints one line per save: tool, workload, user, sys,
# user+sys, wall (s), the store's files, the load average.
set -euo pipefail

runs=3 data="" apps=() borg=0 workloads="W2,W3"
while getopts "d:n:a:w:b" opt; do
  case $opt in
    d) data=$OPTARG ;; n) runs=$OPTARG ;; a) apps+=("$(cd "$OPTARG" && pwd)") ;; w) workloads=$OPTARG ;; b) borg=1 ;;
    *) sed -n '2,11p' "$0"; exit 2 ;;
  esac
done
[ -n "$data" ] || { sed -n '2,11p' "$0"; exit 2; }
[ ${#apps[@]} -gt 0 ] || apps=("$(cd target && pwd)")
if [ ! -d "$data/W2" ] || [ ! -d "$data/W3" ]; then
  java -cp "target/classes:target/test-classes:target/lib/*" io.kamaros.bench.SideBySideBenchmark \
    --generate --only W2,W3 --dir "$data"
fi
data=$(cd "$data" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kamaros-cpu.XXXXXX")
trap 'rm -rf "$work"' EXIT

timed() { # label workload store command...: runs it under /usr/bin/time, prints one line
  local label=$1 w=$2 store=$3; shift 3
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f '%U %S %e' -o "$work/time" "$@" > /dev/null
  read -r user sys wall < "$work/time"
  printf '%-44s %-3s %6.2f %6.2f %6.2f %6.2f %5d %s\n' "$label" "$w" "$user" "$sys" \
    "$(echo "$user + $sys" | bc)" "$wall" "$(find "$store" -type f | wc -l)" "$load"
}

printf '%-44s %-3s %6s %6s %6s %6s %5s %s\n' tool w user sys cpu wall files load
for run in $(seq "$runs"); do
  for w in ${workloads//,/ }; do
    cat $(find "$data/$w" -type f) > /dev/null # warm, as files just saved by their programs
    for app in "${apps[@]}"; do
      rm -rf "$work/proj"
      "$app/kamaros" -q init --work-tree "$data/$w" "$work/proj" > /dev/null
      timed "$app" "$w" "$work/proj" "$app/kamaros" -q -C "$work/proj" commit -m first
    done
    if [ "$borg" = 1 ]; then
      rm -rf "$work/borg"
      BORG_BASE_DIR="$work/borg-home" borg init --encryption=none "$work/borg"
      (cd "$data/$w" && BORG_BASE_DIR="$work/borg-home" timed borg "$w" "$work/borg" \
        borg create --compression lz4 "$work/borg::v1" .)
    fi
  done
done
rm -rf "$work/proj" "$work/borg" "$work/borg-home"
