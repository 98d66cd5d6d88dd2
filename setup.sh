#!/usr/bin/env bash
# Installs the Debian 12 packages partyline needs, and only those that are missing.
# Safe to run again: it does nothing when everything is present.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build git pkg-config
  # libraries, all found by find_package
  libeigen3-dev libtbb-dev libyaml-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev
  libsqlite3-dev sqlite3
  # commodity code from well-kept libraries: SHA-256 (OpenSSL libcrypto), JSON, quantiles and Sobol' sequences (Boost)
  libssl-dev nlohmann-json3-dev libboost-math-dev libboost-random-dev
  # sweeps across ranks (optional in the build, installed here)
  libopenmpi-dev openmpi-bin
  # the libFuzzer harnesses (README, reliability)
  clang libclang-rt-14-dev
  # python module and notebooks (issue: python bindings, notebook)
  python3-dev pybind11-dev python3-pytest python3-pandas python3-matplotlib python3-yaml python3-tqdm python3-venv python3-pip
  python3-nbconvert python3-nbformat python3-ipykernel jupyter-nbconvert jupyter-notebook
  # `partyline report`'s pages, opened and screenshot headless by the test suite
  chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "setup: done"
