#!/usr/bin/env bash
# Benchmark: `cairn store add` of a ~500 MB tree of mixed file sizes, against
# `nix-store --dump | sha256sum` on the same tree, side by side in one hyperfine run.
# cairn copies, canonicalises, hashes and registers; Nix here only serialises and hashes,
# so this is the floor a store add is measured against (target: cairn within 1.3x).
# Usage: bench/store-add.sh [WORKDIR]   (default: a fresh temporary directory)
set -euo pipefail

top=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"

need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v nix-store >/dev/null 2>&1 || need+=(nix-bin)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

tree=$work/tree
if [ ! -d "$tree" ]; then
  echo "generating $tree…" >&2
  # 1500 small files (4-64 KiB), 150 medium (256 KiB-1 MiB), 12 large (32 MiB): ~500 MB.
  for i in $(seq 1 1500); do
    mkdir -p "$tree/small/$((i % 37))"
    head -c $((4096 + (i * 7919) % 61440)) /dev/urandom >"$tree/small/$((i % 37))/f$i"
  done
  for i in $(seq 1 150); do
    mkdir -p "$tree/medium/$((i % 11))"
    head -c $((262144 + (i * 104729) % 786432)) /dev/urandom >"$tree/medium/$((i % 11))/m$i"
  done
  mkdir -p "$tree/large"
  for i in $(seq 1 12); do
    head -c $((32 * 1024 * 1024)) /dev/urandom >"$tree/large/l$i"
  done
fi
du -sh --apparent-size "$tree" >&2

"$top/cairn" --version >/dev/null # build the CLI outside the measurement
export CAIRN_STORE=$work/store

hyperfine --warmup 1 --runs 5 --export-csv "$work/store-add.csv" \
  --prepare "rm -rf '$work/store'" \
  -n 'cairn store add' "'$top/cairn' store add '$tree'" \
  -n 'nix-store --dump | sha256sum' "nix-store --dump '$tree' | sha256sum"

awk -F, 'NR == 2 { cairn = $2 } NR == 3 { nix = $2 }
  END { printf "cairn %.2f s, nix-store --dump | sha256sum %.2f s: ratio %.2f (target <= 1.30)\n", cairn, nix, cairn / nix }' \
  "$work/store-add.csv"
