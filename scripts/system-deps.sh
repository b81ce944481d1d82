#!/usr/bin/env bash
# Debian/Ubuntu packages for running PsychoPy scripts headless (the sandbox runner and its tests):
# a virtual X server, Mesa's software OpenGL, GLU for pyglet, and libjack so the keyboard backend loads.
# Node.js and npm build the VS Code extension in the tests (only installed when no `npm` is on PATH).
# Installs only what is missing; needs root (or sudo) the first time.
set -euo pipefail
PKGS=(xvfb xauth libgl1-mesa-dri libglu1-mesa libjack-jackd2-0 libsndfile1 libportaudio2)
command -v npm >/dev/null || PKGS+=(nodejs npm)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v apt-get >/dev/null; then
  echo "system-deps: not a Debian/Ubuntu system; install ${missing[*]} yourself (headless runs need Xvfb)" >&2
  exit 0
fi
echo "==> apt-get install ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
