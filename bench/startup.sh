#!/usr/bin/env bash
# Desktop start-up benchmark: starts the real app N times as a person does and prints, per run and as
# median / min / max, when the window was shown and when the demo was painted with its timeline filled.
#
#   bench/startup.sh [-n RUNS] [-a APP_DIR] [-l jar|script] [-m first|warm|both] [-- EXTRA_JAVA_OPTIONS]
#
# APP_DIR holds kamaros.jar, lib/ and the kamaros launcher script (default: target, after
# `mvn -q package -DskipTests`). -l jar runs `java -jar APP_DIR/kamaros.jar --demo` (the README's command),
# -l script runs `APP_DIR/kamaros --demo`. "first" runs start with an empty app home, so the demo project is
# generated first; "warm" runs reuse a home where the demo exists. Three clocks per point: the app's
# -Dkamaros.timing line (ms after the first JVM's start), the wall time from launching the process to that
# line (includes the JVM's own start), and the CPU time (user + system) of the process and its children (the
# app's second JVM, see DesktopLauncher) by then, which moves much less than wall time when other programs
# load the machine.
# Needs DISPLAY (e.g. Xvfb :86 with openbox). Runs alternate first / warm when both are asked for.
set -euo pipefail

runs=5 app=target launcher=jar modes=both
while getopts "n:a:l:m:" opt; do
  case $opt in
    n) runs=$OPTARG ;; a) app=$OPTARG ;; l) launcher=$OPTARG ;; m) modes=$OPTARG ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
: "${DISPLAY:?set DISPLAY to an X server, e.g. Xvfb :86 with openbox}"
app=$(cd "$app" && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
ticks=$(getconf CLK_TCK)
work=$(mktemp -d "${TMPDIR:-/tmp}/kamaros-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT

case $modes in both) order="first warm" ;; first|warm) order=$modes ;; *) echo "-m first|warm|both" >&2; exit 2 ;; esac

# user + system CPU time, ms, of a process and all its descendants (the launcher runs the app in a second JVM)
tree_cpu() {
  local todo=("$1") total=0 p kids
  local -a stat
  while ((${#todo[@]})); do
    p=${todo[0]} todo=("${todo[@]:1}")
    read -r -a stat <"/proc/$p/stat" 2>/dev/null || continue
    total=$((total + stat[13] + stat[14]))
    for kids in /proc/"$p"/task/*/children; do
      # shellcheck disable=SC2207
      todo+=($(cat "$kids" 2>/dev/null))
    done
  done
  echo $((total * 1000 / ticks))
}

# one run: prints "window_ms window_wall_ms window_cpu_ms painted_ms painted_wall_ms painted_cpu_ms"
run_once() {
  local home=$1 out=$work/out.$BASHPID pid line start now cpu
  shift
  local w_ms=- w_wall=- w_cpu=- p_ms=- p_wall=- p_cpu=-
  mkfifo "$out"
  start=$EPOCHREALTIME
  if [ "$launcher" = script ]; then
    JAVA_TOOL_OPTIONS="-Dkamaros.timing=true -Dkamaros.home=$home $*" "$app/kamaros" --demo >"$out" 2>/dev/null &
  else
    "$java" -Dkamaros.timing=true "-Dkamaros.home=$home" "$@" -jar "$app/kamaros.jar" --demo >"$out" 2>/dev/null &
  fi
  pid=$!
  while IFS= read -r -t 300 line; do
    now=$EPOCHREALTIME
    case $line in
      "kamaros-timing: window shown "*|"kamaros-timing: project window with "*)
        cpu=$(tree_cpu "$pid")
        local ms=${line% ms after JVM start*}; ms=${ms##* }
        local wall=$(( (${now/./} - ${start/./}) / 1000 ))
        case $line in
          *"window shown"*) w_ms=$ms w_wall=$wall w_cpu=$cpu ;;
          *) p_ms=$ms p_wall=$wall p_cpu=$cpu ;;
        esac
        case $line in *"versions shown"*) break ;; esac
        ;;
    esac
  done <"$out"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$out"
  echo "$w_ms $w_wall $w_cpu $p_ms $p_wall $p_cpu"
}

stats() { # column of numbers -> "median min max"
  sort -n | awk '{v[NR]=$1} END {if (NR==0) {print "- - -"; exit}
    m = NR % 2 ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%d %d %d\n", m, v[1], v[NR]}'
}

warm_home=$work/warm-home
echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $app ($launcher) runs=$runs load=$(cut -d' ' -f1-3 /proc/loadavg) $*"
if [[ $order == *warm* ]]; then # the warm home needs the demo once
  run_once "$warm_home" "$@" >/dev/null
fi
printf '%-5s %3s | %8s %8s %8s | %8s %8s %8s\n' mode run window wall cpu painted wall cpu
for ((i = 1; i <= runs; i++)); do
  for mode in $order; do
    if [ "$mode" = first ]; then
      home=$work/first-home; rm -rf "$home"
    else
      home=$warm_home
    fi
    r=$(run_once "$home" "$@")
    echo "$mode $r" >>"$work/results"
    # shellcheck disable=SC2086
    printf '%-5s %3d | %8s %8s %8s | %8s %8s %8s\n' "$mode" "$i" $r
  done
done
echo "# median / min / max, ms"
for mode in $order; do
  for col in 2 3 4 5 6 7; do
    name=$(echo "window-jvm window-wall window-cpu painted-jvm painted-wall painted-cpu" | cut -d' ' -f$((col - 1)))
    printf '%-5s %-12s %s\n' "$mode" "$name" "$(awk -v m="$mode" -v c="$col" '$1 == m && $c != "-" {print $c}' "$work/results" | stats)"
  done
done
