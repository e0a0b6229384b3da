#!/usr/bin/env bash
# Builds SDL2 for the web viewer from Debian's source package with Debian's emscripten, with
# only the parts the viewer uses: video (one WebGL2 window), events (mouse, touch, keyboard),
# timers and the base path. Left out: audio, the 2D renderer, joysticks and game controllers
# (ImGui's gamepad navigation is not enabled, so its SDL backend never opens one), haptics,
# HIDAPI, power, sensors, locale, SDL_OpenURL, the offscreen and dummy video drivers, and,
# with SDL_LEAN_AND_MEAN, the software surface blitters, RLE and YUV (the viewer never blits
# an SDL surface). About 48 KiB gzip less of the first download (bench/README.md).
#   scripts/sdl2_web.sh SOURCE_TARBALL PREFIX
# Called by scripts/setup.sh (into .deps/sdl2-web-lean) and, where that is missing, by the web
# build's configure step (into the build folder).
set -euo pipefail
tarball=$1
prefix=$2
export NODE_PATH=${NODE_PATH:-/usr/share/nodejs} # Debian's emcc needs Debian's acorn
work=$(mktemp -d "${TMPDIR:-/tmp}/sdl2-web.XXXXXX")
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
src=$(echo "$work"/SDL2-*)
emcmake cmake -S "$src" -B "$work/build" -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DSDL_AUDIO=OFF -DSDL_DISKAUDIO=OFF -DSDL_DUMMYAUDIO=OFF -DSDL_RENDER=OFF \
  -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_HIDAPI=OFF -DSDL_POWER=OFF -DSDL_SENSOR=OFF \
  -DSDL_LOCALE=OFF -DSDL_MISC=OFF -DSDL_OFFSCREEN=OFF -DSDL_DUMMYVIDEO=OFF \
  -DCMAKE_C_FLAGS=-DSDL_LEAN_AND_MEAN=1 >/dev/null
cmake --build "$work/build" -j"$(nproc)" >/dev/null
cmake --install "$work/build" >/dev/null
