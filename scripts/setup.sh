#!/usr/bin/env bash
# Installs everything the project needs on a fresh Debian 12 machine. Safe to re-run:
# apt skips what is present, slow source builds are cached under .deps/ (git-ignored).
#   scripts/setup.sh          native toolchain + web toolchain + test tooling
#   scripts/setup.sh native   only what the native app needs
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DEPS=$ROOT/.deps
mkdir -p "$DEPS"
WHAT=${1:-all}

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

NATIVE_PKGS=(build-essential cmake ninja-build pkg-config libsdl2-dev libgles-dev libegl-dev
  libglm-dev libtinygltf-dev nlohmann-json3-dev libstb-dev catch2 libsqlite3-dev sqlite3
  libcpp-httplib-dev fonts-noto-core fonttools python3 dpkg-dev xz-utils
  clang libclang-rt-14-dev  # clang + libFuzzer: tests/fuzz/run.sh
  libboost1.81-dev          # Boost.Beast/Asio (header-only): the server's event-driven HTTP layer
  zlib1g-dev                # gzip for the pages the server writes (participants' pages)
  libqrcodegen-dev libqrcodegencpp-dev  # QR codes (the build compiles the C source, below)
  zbar-tools                # zbarimg: the golden tests read the facilitator screen's QR code
  # fonttools needs python3-scipy | python3-munkres; scipy would pull in Boost 1.74's headers,
  # which cannot sit beside 1.81's, so name the small alternative.
  python3-munkres)
WEB_PKGS=(emscripten chromium gzip uglifyjs) # uglifyjs: the participant page's script, minified

missing=()
want=("${NATIVE_PKGS[@]}")
[ "$WHAT" = native ] || want+=("${WEB_PKGS[@]}")
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from another Debian-compatible repository that bundles npm; only ask
# apt for it where there is none.
if [ "$WHAT" != native ]; then
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian source packages: Dear ImGui for both targets, SDL2 for the web build.
SRC=/etc/apt/sources.list.d/debian-src.sources
fetch_sources() {
  if [ ! -f "$SRC" ]; then
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' | $SUDO tee "$SRC" >/dev/null
    $SUDO apt-get update -qq
  fi
  (cd "$DEPS" && apt-get source --download-only "$@")
}

if [ ! -f "$DEPS/imgui/imgui.h" ]; then
  ls "$DEPS"/imgui_1.86*.orig.tar.* >/dev/null 2>&1 || fetch_sources imgui
  rm -rf "$DEPS/imgui" "$DEPS/imgui-1.86"
  tar -C "$DEPS" -xJf "$DEPS"/imgui_1.86*.orig.tar.xz
  mv "$DEPS"/imgui-1.86* "$DEPS/imgui"
fi

# Nayuki's QR Code generator (C), from Debian's source package, compiled into both targets so
# the facilitator's screen draws the join code's QR the same way natively and in the browser.
if [ ! -f "$DEPS/qrcodegen/qrcodegen.c" ]; then
  if ! ls "$DEPS"/qr-code-generator_1.8.0*.orig.tar.* >/dev/null 2>&1; then
    # Only the upstream tarball is needed; Debian's packaging tarball may be missing on a mirror.
    fetch_sources qr-code-generator || true
  fi
  rm -rf "$DEPS/qrcodegen" "$DEPS/QR-Code-generator-1.8.0"
  tar -C "$DEPS" -xzf "$DEPS"/qr-code-generator_1.8.0*.orig.tar.gz
  mkdir -p "$DEPS/qrcodegen"
  cp "$DEPS"/QR-Code-generator-1.8.0/c/qrcodegen.[ch] "$DEPS/qrcodegen/"
  rm -rf "$DEPS/QR-Code-generator-1.8.0"
fi

# Header-only dependencies collected in one include folder used by both targets
# (the web build must not see /usr/include).
INC=$DEPS/include
if [ ! -f "$INC/.done" ]; then
  rm -rf "$INC" && mkdir -p "$INC/stb"
  cp -r /usr/include/glm "$INC/"
  cp -r /usr/include/nlohmann "$INC/"
  cp /usr/include/tiny_gltf.h "$INC/"
  cp /usr/include/stb/stb_image.h /usr/include/stb/stb_image_write.h "$INC/"
  touch "$INC/.done"
fi

# Noto Sans (OFL) with full Dutch diacritics, cut down to Latin (incl. Latin Extended-A) and
# common punctuation so the web bundle stays small. Copied into the asset bundle at build time.
for face in Regular Bold; do
  out=$DEPS/font/NotoSans-$face.ttf
  [ -f "$out" ] && continue
  mkdir -p "$DEPS/font"
  pyftsubset "/usr/share/fonts/truetype/noto/NotoSans-$face.ttf" --output-file="$out.tmp" \
    --unicodes="U+0020-007E,U+00A0-017F,U+2013-2014,U+2018-201E,U+2022,U+2026,U+20AC" \
    --layout-features='' --no-hinting --desubroutinize
  mv "$out.tmp" "$out"
done

[ "$WHAT" = native ] && exit 0

# SDL2 for the web, built once from Debian's source package with Debian's emscripten, with
# only the parts the viewer uses (scripts/sdl2_web.sh says which).
export NODE_PATH=/usr/share/nodejs
SDLWEB=$DEPS/sdl2-web-lean
if [ ! -f "$SDLWEB/lib/libSDL2.a" ]; then
  ls "$DEPS"/libsdl2_2.26.5*.orig.tar.gz >/dev/null 2>&1 || fetch_sources libsdl2
  "$ROOT/scripts/sdl2_web.sh" "$(ls "$DEPS"/libsdl2_2.26.5*.orig.tar.gz | head -1)" "$SDLWEB"
fi

# Browser test tooling (npm registry), driving Debian's Chromium.
if [ ! -d "$ROOT/tests/web/node_modules/playwright-core" ]; then
  (cd "$ROOT/tests/web" && npm install --no-audit --no-fund --silent)
fi
echo "setup: ok"
