#!/usr/bin/env bash
# Regenerates every icon from the SVG sources in src/:
#   png/kamaros-<N>.png, png/jcf-document-<N>.png      N = 16 24 32 48 64 128 256 512 1024
#   kamaros.png, jcf-document.png (256 px: Linux installer and file-association icons)
#   kamaros.ico, jcf-document.ico (16..256, Windows)   kamaros.icns, jcf-document.icns (16..1024, macOS)
#   ../../src/main/resources/io/kamaros/app/icons/kamaros-<N>.png (window icons, 16..512)
# Small sizes come from hand-tuned variants: 16 px from kamaros-16.svg, 24-48 px from *-small.svg.
# Needs: rsvg-convert (librsvg2-bin), ImageMagick convert, python3.
set -euo pipefail
cd "$(dirname "$0")"
SIZES="16 24 32 48 64 128 256 512 1024"
RES=../../src/main/resources/io/kamaros/app/icons
mkdir -p png "$RES"

source_for() { # name size -> svg
  local name=$1 size=$2
  if [ "$size" -le 16 ] && [ -f "src/$name-16.svg" ]; then echo "src/$name-16.svg"
  elif [ "$size" -le 48 ]; then echo "src/$name-small.svg"
  else echo "src/$name.svg"; fi
}

for name in kamaros jcf-document; do
  for s in $SIZES; do
    rsvg-convert -w "$s" -h "$s" "$(source_for "$name" "$s")" -o "png/$name-$s.png"
  done
  cp "png/$name-256.png" "$name.png"
  convert png/$name-{16,24,32,48,64,128,256}.png "$name.ico"
  python3 mkicns.py "$name.icns" png/$name-{16,32,64,128,256,512,1024}.png
done
for s in 16 24 32 48 64 128 256 512; do cp "png/kamaros-$s.png" "$RES/kamaros-$s.png"; done
echo "icons written to $(pwd) and $(cd "$RES" && pwd)"
