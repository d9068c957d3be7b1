#!/usr/bin/env bash
# Installs what is missing (Debian 12, as root), then configures and builds.
# Safe to run again: installs nothing when all is there, rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake ninja-build tao-pegtl-dev libyaml-cpp-dev libutf8proc-dev pkgconf libfmt-dev doctest-dev libcli11-dev
          libcurl4-openssl-dev libcpp-httplib-dev
          nlohmann-json3-dev libssl-dev default-jre-headless python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installerar: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi

# The Nu Html Checker (vnu-jar, from npm) validates the HTML report in the test suite.
if [ ! -f tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  command -v npm > /dev/null || { apt-get update -q && apt-get install -y -q npm; }
  mkdir -p tools/vnu
  npm install --prefix tools/vnu --no-audit --no-fund --silent vnu-jar > /dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build
