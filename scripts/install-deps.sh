#!/usr/bin/env bash
# Installs the Debian 12 packages noneq needs to build, test and run its examples, if missing.
# Run as root (or with sudo). Extra package names on the command line are installed too
# (e.g. `scripts/install-deps.sh python3-neuron python3-brian` for the peer benchmarks).
set -euo pipefail
pkgs=(g++ cmake ninja-build libboost-dev xtensor-dev libxsimd-dev doctest-dev libcli11-dev
      libbenchmark-dev libpugixml-dev "$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
