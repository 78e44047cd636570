#!/usr/bin/env bash
# Benchmark: `cairn build` of the example Java service (examples/cells/greeter) against plain
# `mvn -o verify` of the same project, side by side in one hyperfine run.
#   cold: cairn with its inputs fetched but the package not built (a changed comment gives the
#         source, so the derivation, a new hash); Maven after `rm -rf target`.
#   warm: nothing changed; cairn finds the output in the store, Maven verifies again.
# Both run the same JDK and Maven (Debian's openjdk-17 and maven 3.8.7: cairn's pinned in the
# lock, Maven's the machine's), offline, with the artifacts already local.
# Targets: cold cairn within 1.25x of Maven; warm cairn under 1 s plus JVM start.
# Usage: bench/maven-build.sh [WORKDIR] [RUNS]   (default: a fresh temporary directory, 5 runs)
set -euo pipefail

top=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
work=${1:-$(mktemp -d)}
runs=${2:-5}
mkdir -p "$work"

need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v mvn >/dev/null 2>&1 || need+=(maven)
[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ] || need+=(openjdk-17-jdk-headless)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# A workspace of its own (the examples' cairn.pkl and lock, the greeter cell) and a store of its own.
workspace=$work/examples
rm -rf "$workspace"
mkdir -p "$workspace/cells"
cp "$top/examples/cairn.pkl" "$top/examples/cairn.lock" "$workspace/"
cp -r "$top/examples/cells/greeter" "$workspace/cells/"
rm -rf "$workspace/cells/greeter/service/target"
maven_project=$work/maven/greeter
rm -rf "$maven_project"
mkdir -p "$(dirname "$maven_project")"
cp -r "$top/examples/cells/greeter/service" "$maven_project"
rm -rf "$maven_project/target"

export CAIRN_STORE=$work/store CAIRN_CACHE=$work/cache
"$top/cairn" --version >/dev/null # build the CLI outside the measurement
target=//greeter/packages/greeter
"$top/cairn" -C "$workspace" fetch "$target" >/dev/null
# Fill ~/.m2 for plain Maven the one time it may use the network.
(cd "$maven_project" && JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 mvn -B -q verify >/dev/null && rm -rf target)

cairn="'$top/cairn' -C '$workspace' build $target"
mvn="cd '$maven_project' && JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 mvn -B -q -o verify"
touch_source="echo \"// \$(date +%s%N)\" >> '$workspace/cells/greeter/service/src/main/java/dev/cairn/examples/greeter/Greeter.java'"

# The launcher's class cache is made from the commands that run first: made anew from this
# build, in the two warm-up runs (one records, the next makes the cache), outside the measurement.
rm -rf "$CAIRN_CACHE/jvm"
hyperfine --runs "$runs" --warmup 2 --export-csv "$work/cold.csv" --output=null \
  -n 'cairn build (cold)' --prepare "$touch_source" "$cairn" \
  -n 'mvn -o verify (cold)' --prepare "rm -rf '$maven_project/target'" "$mvn"
# Warm: one unmeasured run of each first, so both start from a finished build.
hyperfine --runs "$runs" --warmup 1 --export-csv "$work/warm.csv" --output=null \
  -n 'cairn build (warm)' "$cairn" \
  -n 'mvn -o verify (warm)' "$mvn"
# The start the warm target allows: cairn's own JVM, its classes and the launcher, doing nothing.
java_start=$(hyperfine --runs "$runs" --warmup 1 --export-csv "$work/jvm.csv" --output=null \
  "'$top/cairn' --version" >/dev/null && awk -F, 'NR == 2 { print $2 }' "$work/jvm.csv")

awk -F, -v jvm="$java_start" '
  FNR == 2 && FILENAME ~ /cold/ { cold_cairn = $2 } FNR == 3 && FILENAME ~ /cold/ { cold_mvn = $2 }
  FNR == 2 && FILENAME ~ /warm/ { warm_cairn = $2 } FNR == 3 && FILENAME ~ /warm/ { warm_mvn = $2 }
  END {
    printf "cold: cairn %.2f s, mvn -o verify %.2f s: ratio %.2f (target <= 1.25)\n", cold_cairn, cold_mvn, cold_cairn / cold_mvn
    printf "warm: cairn %.2f s, mvn -o verify %.2f s: ratio %.2f; cairn minus its start, cairn --version (%.2f s): %.2f s (target < 1 s)\n", warm_cairn, warm_mvn, warm_cairn / warm_mvn, jvm, warm_cairn - jvm
  }' "$work/cold.csv" "$work/warm.csv"
