#!/bin/sh
# Renders the demo shop's product photos with POV-Ray and writes public/images/shop/rewards/<key>.webp.
# Needs: apt-get install -y povray webp. Usage: scripts/shop-photos/render.sh [key ...]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../public/images/shop/rewards"
size=${SIZE:-800}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
if [ $# -eq 0 ]; then set -- $(cd "$here/scenes" && ls *.pov | sed 's/\.pov$//'); fi
for key in "$@"; do
  povray +I"$here/scenes/$key.pov" +L"$here" +O"$tmp/$key.png" +W"$size" +H"$size" +A0.2 +AM2 +R3 -D -V +FN >"$tmp/$key.log" 2>&1 || { cat "$tmp/$key.log"; exit 1; }
  cwebp -quiet -q 78 -m 6 "$tmp/$key.png" -o "$out/$key.webp"
  echo "$key $(wc -c <"$out/$key.webp") bytes"
done
