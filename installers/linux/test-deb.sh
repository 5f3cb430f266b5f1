#!/usr/bin/env bash
# End-to-end test of the Linux .deb on this machine (Debian/Ubuntu, run as root):
#   build (or take) the .deb, install it, start the app under Xvfb (screenshots), check the .jcf
#   file association, open a .jcf through the launcher and through xdg-open, run the CLI mode,
#   then remove the package and check nothing is left.
#
# usage: installers/linux/test-deb.sh [path/to/kamaros_*.deb]
#   without an argument it takes target/installer/kamaros_*.deb, building it first
#   (mvn -Pinstaller package) when there is none.
# Prints one PASS/FAIL line per check and exits 0 only when every check passed.
# Screenshots and logs go to target/test-deb/.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
OUT=$ROOT/target/test-deb
rm -rf "$OUT" && mkdir -p "$OUT"
WAIT=${KAMAROS_TEST_WAIT:-60}          # seconds to wait for a window or a command
PROJECT="Atlas Notes"                  # the sample project's name (folder and .jcf file name)
JCF=$OUT/$PROJECT.jcf

passed=0 failed=0
pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1${2:+  -- $2}"; failed=$((failed + 1)); }
note() { echo "      $*"; }

PIDS=()
XVFB_PID=
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  return 0
}
trap cleanup EXIT

[ "$(id -u)" = 0 ] || { echo "FAIL  run as root (dpkg -i / dpkg -r)"; exit 1; }

# --- tools this test needs (not the package) ---
need=()
command -v Xvfb    >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v xprop   >/dev/null || need+=(x11-utils)
command -v import  >/dev/null || need+=(imagemagick)
command -v unzip   >/dev/null || need+=(unzip)
command -v java    >/dev/null || need+=(openjdk-17-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing test tools: ${need[*]}"
  apt-get install -y -q "${need[@]}" >"$OUT/apt-tools.log" 2>&1 || true
fi

# --- 1. the .deb ---
DEB=${1:-}
if [ -z "$DEB" ]; then
  DEB=$(ls -t target/installer/kamaros_*.deb 2>/dev/null | head -1)
  if [ -z "$DEB" ]; then
    echo "building the .deb: mvn -B -q -Pinstaller package"
    mvn -B -o -q -Pinstaller package >"$OUT/build.log" 2>&1 || mvn -B -q -Pinstaller package >>"$OUT/build.log" 2>&1
    DEB=$(ls -t target/installer/kamaros_*.deb 2>/dev/null | head -1)
  fi
fi
if [ -n "$DEB" ] && [ -f "$DEB" ] && dpkg-deb -I "$DEB" >/dev/null 2>&1; then
  DEB=$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")
  VERSION=$(dpkg-deb -f "$DEB" Version); VERSION=${VERSION%-*}
  pass "deb: $(basename "$DEB") ($(du -h "$DEB" | cut -f1), $(stat -c %s "$DEB") bytes, installs $(dpkg-deb -f "$DEB" Installed-Size) KiB, version $VERSION)"
else
  fail "deb: no .deb to test" "see $OUT/build.log"
  echo "SUMMARY  $passed passed, $failed failed"; exit 1
fi

# --- 2. install ---
if dpkg-query -W -f='${Status}' kamaros 2>/dev/null | grep -q installed; then
  note "removing a previously installed kamaros first"
  dpkg -r kamaros >"$OUT/pre-remove.log" 2>&1
fi
mkdir -p /usr/share/desktop-directories     # xdg-desktop-menu needs it on a minimal system
{ dpkg -i "$DEB" || apt-get -f install -y -q; } >"$OUT/install.log" 2>&1
if [ "$(dpkg-query -W -f='${Status}' kamaros 2>/dev/null)" = "install ok installed" ] && [ -x /opt/kamaros/bin/kamaros ]; then
  pass "install: dpkg -i (+ apt-get -f install) -> /opt/kamaros/bin/kamaros"
else
  fail "install" "$(tail -3 "$OUT/install.log" | tr '\n' ' ')"
  echo "SUMMARY  $passed passed, $failed failed"; exit 1
fi
if [ -L /usr/bin/kamaros ] && [ "$(readlink -f /usr/bin/kamaros)" = /opt/kamaros/bin/kamaros ]; then
  pass "terminal command: /usr/bin/kamaros -> /opt/kamaros/bin/kamaros"
else
  fail "terminal command: /usr/bin/kamaros missing or not ours"
fi

# --- 3. a real .jcf, written by the installed engine ---
cat >"$OUT/MakeJcf.java" <<'EOF'
import io.kamaros.engine.model.JcfConfig;
import io.kamaros.engine.JcfManager;
import io.kamaros.engine.store.FileAdapter;
import java.nio.file.Files;
import java.nio.file.Path;

public class MakeJcf {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        try (JcfManager jcf = new JcfManager(JcfConfig.builder().author("Installer Test").build())) {
            jcf.init(new FileAdapter(dir));
            jcf.addFile("chapter1.md", "It was a dark and stormy night.\n");
            jcf.saveCheckpoint("First draft");
            jcf.addFile("chapter1.md", "It was a bright morning.\n");
            jcf.saveCheckpoint("Rewrite");
            jcf.export(Path.of(args[1]));
        }
    }
}
EOF
rm -rf "$OUT/$PROJECT"
if java -cp "/opt/kamaros/lib/app/*" "$OUT/MakeJcf.java" "$OUT/$PROJECT" "$JCF" >"$OUT/make-jcf.log" 2>&1 \
   && [ "$(unzip -Z1 "$JCF" 2>/dev/null | head -1)" = mimetype ] \
   && [ "$(unzip -p "$JCF" mimetype 2>/dev/null)" = application/x-jcf ]; then
  pass "sample: '$PROJECT.jcf' exported by the installed engine (first entry mimetype = application/x-jcf)"
else
  fail "sample .jcf" "$(tail -3 "$OUT/make-jcf.log" | tr '\n' ' ')"
fi

# --- 4. file association ---
ft=$(xdg-mime query filetype "$JCF" 2>&1)
[ "$ft" = application/x-jcf ] && pass "xdg-mime query filetype '$PROJECT.jcf' = $ft" \
                              || fail "xdg-mime query filetype" "got '$ft'"
def=$(xdg-mime query default application/x-jcf 2>&1)
if [[ "$def" == kamaros*.desktop ]] && grep -q '^Name=Kamaros$' "/usr/share/applications/$def" 2>/dev/null; then
  pass "xdg-mime query default application/x-jcf = $def (Name=Kamaros, $(grep '^Exec=' "/usr/share/applications/$def"))"
else
  fail "xdg-mime query default application/x-jcf" "got '$def'"
fi

# --- 5. GUI under Xvfb ---
for d in $(seq 91 140); do [ -e /tmp/.X$d-lock ] || [ -e /tmp/.X11-unix/X$d ] || { DNUM=$d; break; }; done
Xvfb ":$DNUM" -screen 0 1280x800x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
export DISPLAY=":$DNUM"
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.2; done

# wait_window REGEX LOG -> prints the visible window's title, status 0 when one appeared
wait_window() {
  local regex=$1 end=$((SECONDS + WAIT)) id
  while [ $SECONDS -lt $end ]; do
    id=$(xdotool search --onlyvisible --name "$regex" 2>/dev/null | head -1)
    if [ -n "$id" ]; then sleep 2; xdotool getwindowname "$id"; return 0; fi
    sleep 1
  done
  return 1
}
titles() { # all visible window titles, for the log
  for id in $(xdotool search --onlyvisible --name '.' 2>/dev/null); do
    printf "'%s' " "$(xprop -id "$id" _NET_WM_NAME WM_NAME 2>/dev/null | sed -n 's/.*= "\(.*\)"/\1/p' | head -1)"
  done
}
stop_app() { kill "$1" 2>/dev/null; for _ in $(seq 20); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.25; done; kill -9 "$1" 2>/dev/null; }

/opt/kamaros/bin/kamaros >"$OUT/gui-start.log" 2>&1 &
APP=$!; PIDS+=("$APP")
if title=$(wait_window 'Kamaros'); then
  import -window root "$OUT/start.png" 2>/dev/null
  pass "GUI: /opt/kamaros/bin/kamaros opened a window '$title' under Xvfb (screenshot $OUT/start.png)"
else
  import -window root "$OUT/start.png" 2>/dev/null
  fail "GUI: no 'Kamaros' window within ${WAIT}s" "windows: $(titles)$(tail -2 "$OUT/gui-start.log" | tr '\n' ' ')"
fi
stop_app "$APP"

/opt/kamaros/bin/kamaros "$JCF" >"$OUT/gui-open.log" 2>&1 &
APP=$!; PIDS+=("$APP")
if title=$(wait_window "$PROJECT"); then
  import -window root "$OUT/open-jcf.png" 2>/dev/null
  pass "open .jcf: '/opt/kamaros/bin/kamaros $PROJECT.jcf' shows '$title' (screenshot $OUT/open-jcf.png)"
else
  import -window root "$OUT/open-jcf.png" 2>/dev/null
  fail "open .jcf: no window titled with '$PROJECT' within ${WAIT}s" "windows: $(titles)"
fi
stop_app "$APP"

# a double-click in a file manager: xdg-open runs the desktop entry's Exec line with the file
xdg-open "$JCF" >"$OUT/xdg-open.log" 2>&1 &
OPENER=$!; PIDS+=("$OPENER")
if title=$(wait_window "$PROJECT"); then
  import -window root "$OUT/xdg-open.png" 2>/dev/null
  pass "double-click: 'xdg-open $PROJECT.jcf' shows '$title' (screenshot $OUT/xdg-open.png)"
else
  import -window root "$OUT/xdg-open.png" 2>/dev/null
  fail "double-click: 'xdg-open $PROJECT.jcf' showed no window titled with '$PROJECT' within ${WAIT}s" "windows: $(titles)"
fi
descendants() { local c; for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do descendants "$c"; echo "$c"; done; }
for p in $(descendants "$OPENER"); do
  case "$(ps -o args= -p "$p" 2>/dev/null)" in /opt/kamaros/bin/kamaros*) note "xdg-open ran: $(ps -o args= -p "$p")";; esac
  stop_app "$p"
done
stop_app "$OPENER"
kill "$XVFB_PID" 2>/dev/null; XVFB_PID=
unset DISPLAY

# --- 6. CLI mode (no display: it must not need JavaFX) ---
cli() { # name command...
  local name=$1; shift
  local out rc
  out=$(timeout "$WAIT" "$@" 2>&1); rc=$?
  echo "$out" >"$OUT/cli-$name.log"
  if [ $rc = 0 ] && grep -q -- "$VERSION" <<<"$out"; then
    pass "CLI: '$*' -> $(head -1 <<<"$out")"
  else
    fail "CLI: '$*' (exit $rc, wanted the version $VERSION)" "$(head -2 <<<"$out" | tr '\n' ' ')"
  fi
}
cli launcher /opt/kamaros/bin/kamaros --version
cli path kamaros --version
cli second-launcher /opt/kamaros/bin/kamaros-cli --version

# --- 7. removal ---
if dpkg -r kamaros >"$OUT/remove.log" 2>&1; then
  pass "dpkg -r kamaros"
else
  fail "dpkg -r kamaros" "$(tail -3 "$OUT/remove.log" | tr '\n' ' ')"
fi
left=()
[ -e /opt/kamaros ] && left+=(/opt/kamaros)
[ -e /usr/bin/kamaros ] || [ -L /usr/bin/kamaros ] && left+=(/usr/bin/kamaros)
[ -e /usr/bin/kamaros-cli ] || [ -L /usr/bin/kamaros-cli ] && left+=(/usr/bin/kamaros-cli)
for f in /usr/share/applications/kamaros-*.desktop /usr/share/mime/packages/kamaros-*.xml \
         /usr/share/icons/hicolor/*/mimetypes/application-x-jcf.png; do
  [ -e "$f" ] && left+=("$f")
done
[ ${#left[@]} = 0 ] && pass "removed: no /opt/kamaros, /usr/bin links, desktop entry, mime package or icon left" \
                    || fail "removed: left behind" "${left[*]}"
def=$(xdg-mime query default application/x-jcf 2>&1)
ft=$(xdg-mime query filetype "$JCF" 2>&1)
if [[ "$def" != *kamaros* ]] && [ "$ft" != application/x-jcf ]; then
  pass "mime association gone (default: '${def}', filetype now '$ft')"
else
  fail "mime association still there" "default '$def', filetype '$ft'"
fi

# dpkg -r keeps the package's record ("config-files", no files): purge it so the next run starts clean
dpkg -P kamaros >>"$OUT/remove.log" 2>&1

echo "SUMMARY  $passed passed, $failed failed  (logs and screenshots: $OUT)"
[ "$failed" = 0 ]
