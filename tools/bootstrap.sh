#!/usr/bin/env bash
# Installs what is missing (Debian 12, as root), then configures and builds.
#   bash tools/bootstrap.sh          what building and running malkoll needs
#   bash tools/bootstrap.sh --test   also the test suite's tools: Java and the Nu Html Checker,
#                                    LibreOffice, poppler and Debian's Python modules
# Safe to run again: installs nothing when all is there, rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
case "${1:-}" in
  --test) with_tests=1 ;;
  "") ;;
  *) echo "bootstrap.sh: okänt argument '$1'; ange inget eller --test" >&2; exit 2 ;;
esac

# Building and running: the compiler, the libraries malkoll links (the docx
# writer's charts need librsvg, which brings fontconfig and a font), and the
# headers the test program is built with (doctest, cpp-httplib; small).
packages=(g++ cmake ninja-build pkgconf tao-pegtl-dev libyaml-cpp-dev libutf8proc-dev libfmt-dev libcli11-dev
          nlohmann-json3-dev libssl-dev libcurl4-openssl-dev libxlsxwriter-dev libzip-dev libexpat1-dev librsvg2-dev
          libpng-dev fonts-dejavu-core doctest-dev libcpp-httplib-dev)
# Only the tests: the HTML checker runs on Java; LibreOffice turns the docx
# report into PDF, poppler counts and draws its pages; Debian's python3 with
# openpyxl, python-docx and jsonschema reads the xlsx, docx and schema back.
test_packages=(default-jre-headless libreoffice-writer-nogui poppler-utils python3 python3-openpyxl python3-docx
               python3-jsonschema python3-yaml)
[ "$with_tests" = 1 ] && packages+=("${test_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installerar: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The Nu Html Checker (vnu-jar, from npm) validates the HTML report in the test suite.
# npm from Debian only where there is none: a machine with NodeSource's nodejs
# has npm in it, and Debian's npm package conflicts with that.
if [ "$with_tests" = 1 ] && [ ! -f tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  command -v npm > /dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q npm; }
  mkdir -p tools/vnu
  npm install --prefix tools/vnu --no-audit --no-fund --silent vnu-jar > /dev/null
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build
