#!/usr/bin/env bash
# First-checkpoint and restore throughput of the command line on one big file: a 256 MiB incompressible
# file (AES-CTR of zeros, seeded, so every run gets the same bytes) and a 256 MiB compressible one (base64
# of such bytes: text zstd shrinks to ≈ 76 %), each in a fresh project. Per file and run it prints the
# wall time of `commit` and of `restore` into an empty folder (cold page cache when run as root), the
# store's size and file count, and the load average.
#
#   bench/throughput.sh [-n RUNS] [-s MIB] [-a APP_DIR]...
#
# APP_DIR holds the kamaros launcher (default: target, after `mvn -q package -DskipTests`); several -a
# alternate run by run (before / after on the same load).
set -euo pipefail

runs=3 mib=256 apps=()
while getopts "n:s:a:" opt; do
  case $opt in
    n) runs=$OPTARG ;; s) mib=$OPTARG ;; a) apps+=("$(cd "$OPTARG" && pwd)") ;;
    *) sed -n '2,11p' "$0"; exit 2 ;;
  esac
done
[ ${#apps[@]} -gt 0 ] || apps=("$(cd target && pwd)")
work=$(mktemp -d "${TMPDIR:-/tmp}/kamaros-throughput.XXXXXX")
trap 'rm -rf "$work"' EXIT

# (head ends the endless pipes early: their SIGPIPE is expected)
seeded() { openssl enc -aes-128-ctr -pass pass:kamaros -nosalt -pbkdf2 -in /dev/zero 2>/dev/null | head -c "$1" || true; }
mkdir -p "$work/data"
seeded $((mib * 1048576)) > "$work/data/random.bin"
{ seeded $((mib * 786432)) | base64 -w 76 | head -c $((mib * 1048576)); } > "$work/data/text.txt" || true

drop_caches() {
  sync
  if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi
}
ms() { date +%s%3N; }

printf '%-40s %-10s %9s %9s %10s %7s %s\n' app file commit_ms restore_ms store_kib files load
for run in $(seq "$runs"); do
  for app in "${apps[@]}"; do
    for file in random.bin text.txt; do
      rm -rf "$work/tree" "$work/proj" "$work/out"
      mkdir -p "$work/tree" "$work/out"
      cp "$work/data/$file" "$work/tree/"
      "$app/kamaros" -q init --work-tree "$work/tree" "$work/proj" > /dev/null
      cat "$work/tree/$file" > /dev/null # the input warm, as a file just saved by its program
      load=$(cut -d' ' -f1 /proc/loadavg)
      t0=$(ms)
      "$app/kamaros" -q -C "$work/proj" commit -m first > /dev/null
      t1=$(ms)
      drop_caches
      t2=$(ms)
      "$app/kamaros" -q -C "$work/proj" restore HEAD --to "$work/out" > /dev/null
      t3=$(ms)
      cmp -s "$work/data/$file" "$work/out/$file" || { echo "restored $file differs" >&2; exit 1; }
      store=$(du -sk "$work/proj" | cut -f1)
      files=$(find "$work/proj" -type f | wc -l)
      printf '%-40s %-10s %9d %9d %10d %7d %s\n' "$app" "$file" $((t1 - t0)) $((t3 - t2)) "$store" "$files" "$load"
    done
  done
done
