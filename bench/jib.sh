#!/usr/bin/env bash
# Benchmark: cairn against Jib on the example services, as a user of each would run them.
#   rebuild: the greeter (examples/cells/greeter) rebuilt after a one-line source change, to a
#            tar: `cairn build //greeter/oci-images/greeter --format oci-archive` against
#            `mvn -o verify jib:buildTar` (jib-maven-plugin) on a copy of the same Maven project,
#            side by side in one hyperfine run. Both compile and run the tests (cairn's Maven
#            package runs `verify`), with Debian's openjdk-17 and Maven 3.8.7.
#   registry bytes: the greeter and notes services pushed to an empty registry by cairn
#            (`cairn publish`) and to another by Jib (the plugin's jib:build for the greeter;
#            jib-core, bench/jib/, for the Node.js notes app); `du -sb` of each one's blobs.
# Jib's bases, as cairn builds them from Debian's packages (no image can be pulled here):
#   for the rebuild, the same content as the greeter's image: its jlinked Java runtime
#            (//greeter/packages/greeter-jre) at /opt/java/openjdk with the Debian packages its
#            operable lists, at the versions of examples/cairn.lock (checked);
#   for the registry bytes, what a Jib user starts from: a distribution's base with the runtime
#            installed on it, as eclipse-temurin:17-jre (Ubuntu and Temurin's JRE) and
#            node:18-bookworm-slim (debian:bookworm-slim and Node.js) are made: Debian's
#            "Priority: required" packages (debian:bookworm-slim's content) and
#            openjdk-17-jre-headless, or nodejs, each base in one layer, sharing nothing, as
#            two vendors' bases share nothing.
# Targets: cairn's rebuild no slower than Jib's; cairn's registry bytes <= 70% of Jib's.
# Usage: bench/jib.sh [WORKDIR] [RUNS]   (default: a fresh temporary directory, 5 runs)
set -euo pipefail

top=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
. "$top/scripts/find-jdk.sh"
cairn_find_jdk
cairn_maven_env
work=$(readlink -f "${1:-$(mktemp -d)}")
runs=${2:-5}
mkdir -p "$work"
jib_plugin=com.google.cloud.tools:jib-maven-plugin:3.4.6
jdk17=/usr/lib/jvm/java-17-openjdk-amd64

need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
[ -x "$jdk17/bin/javac" ] || need+=(openjdk-17-jdk-headless)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# Registries on random loopback ports, each with storage of its own: start_registry NAME sets
# registry_port; all are stopped on exit.
registries=()
stop_registries() {
  local pid
  for pid in "${registries[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_registries EXIT
start_registry() {
  local dir=$work/registry-$1
  registry_port=$((20000 + RANDOM % 20000))
  rm -rf "$dir"
  mkdir -p "$dir"
  cat >"$dir/config.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $dir/data
http:
  addr: 127.0.0.1:$registry_port
YAML
  docker-registry serve "$dir/config.yml" >"$dir/log" 2>&1 &
  registries+=("$!")
  for _ in $(seq 1 50); do
    curl -fsS "http://127.0.0.1:$registry_port/v2/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "jib.sh: the registry $1 did not start; see $dir/log" >&2
  return 1
}
# The bytes a registry stores: its blobs (layers, configs, manifests), each once.
registry_bytes() {
  du -sb "$work/registry-$1/data/docker/registry/v2/blobs" | cut -f1
}

export CAIRN_STORE=$work/store CAIRN_CACHE=$work/cache
cairn=$top/cairn
echo "building cairn and the Jib harness…" >&2
"$cairn" --version >/dev/null
(cd "$top/bench/jib" && mvn -q -B package dependency:build-classpath -Dmdep.outputFile="$work/classpath")

# cairn's side: the examples' workspace with the two services.
workspace=$work/cairn-side
rm -rf "$workspace"
mkdir -p "$workspace/cells"
cp "$top/examples/cairn.pkl" "$top/examples/cairn.lock" "$workspace/"
cp -r "$top/examples/cells/greeter" "$top/examples/cells/notes" "$workspace/cells/"
rm -rf "$workspace/cells/greeter/service/target"

# Jib's side: the same Maven project and Node.js app.
jib_side=$work/jib-side
rm -rf "$jib_side"
mkdir -p "$jib_side"
cp -r "$top/examples/cells/greeter/service" "$jib_side/greeter"
cp -r "$top/examples/cells/notes/app" "$jib_side/notes"
rm -rf "$jib_side/greeter/target"

# Jib's bases (see the top). The greeter's runtime first: the store path of its jlinked JRE.
jre=$("$cairn" -C "$workspace" build //greeter/packages/greeter-jre)
required=$(apt-cache dumpavail | awk '/^Package:/ { name = $2 } /^Priority: required/ { print name }' | sort -u)
[ -n "$required" ] || { echo "jib.sh: apt knows no Priority: required packages; run apt-get update" >&2; exit 1; }
pkl_list() { local word first=1; for word in "$@"; do [ $first = 1 ] || printf ', '; printf '"%s"' "$word"; first=0; done; }
# shellcheck disable=SC2086 # one package name a word
distribution=$(pkl_list $required)
bases=$work/bases
rm -rf "$bases"
mkdir -p "$bases/cells/jre" "$bases/cells/node"
cp "$top/examples/cairn.pkl" "$top/examples/cairn.lock" "$bases/"
cat >"$bases/cells/jre/oci-images.pkl" <<PKL
// Jib's bases for the greeter. jre-base: the content of cairn's greeter image but the service.
// jre-vendor-base: a distribution's base with Debian's whole JRE, its packages in one layer.
amends "cairn:OciImages"

import "cairn:debian"

images {
  ["jre-base"] {
    contents {
      new { source = "$jre"; path = "/opt/java/openjdk" }
      debian.packages(List("libc6", "libgcc-s1", "libstdc++6", "zlib1g", "dash", "bash"))
    }
    env { ["PATH"] = "/opt/java/openjdk/bin:/usr/bin:/bin" }
  }
  ["jre-vendor-base"] {
    contents { debian.packages(List($distribution, "openjdk-17-jre-headless")) }
    maxLayers = 3 // its packages in one layer, then the rootfs configuration and /tmp
  }
}
PKL
cat >"$bases/cells/node/oci-images.pkl" <<PKL
// Jib's base for the notes app: a distribution's base with Node.js, in one layer.
amends "cairn:OciImages"

import "cairn:debian"

images {
  ["node-vendor-base"] {
    contents { debian.packages(List($distribution, "nodejs")) }
    maxLayers = 3 // its packages in one layer, then the rootfs configuration and /tmp
  }
}
PKL
"$cairn" -C "$bases" lock >/dev/null
pins() { tr -d ' \n' <"$1" | grep -o "\"request\":\[$2\],\"packages\":\[[^]]*\]"; }
request='"bash","dash","libc6","libgcc-s1","libstdc++6","zlib1g"'
if [ "$(pins "$bases/cairn.lock" "$request")" != "$(pins "$workspace/cairn.lock" "$request")" ]; then
  echo "jib.sh: the bases' lock pins other versions of $request than examples/cairn.lock" >&2
  exit 1
fi

start_registry jib
jib_registry=127.0.0.1:$registry_port
for base in jre/jre-base jre/jre-vendor-base node/node-vendor-base; do
  "$cairn" -C "$bases" publish "//${base%%/*}/oci-images/${base#*/}" --to "$jib_registry/${base#*/}" >/dev/null
done

# Jib's Maven invocation, a script so that hyperfine runs the same command: the plugin on the
# greeter's project, from a base given as JIB_FROM (the rebuild's by default), on JDK 17 without the options cairn_maven_env gives
# JDK 25; -Djib.baseImageCache keeps Jib's cache out of ~/.cache.
jib_mvn=$work/jib-mvn
cat >"$jib_mvn" <<SH
#!/bin/sh
cd '$jib_side/greeter' && JAVA_HOME='$jdk17' MAVEN_OPTS= exec mvn -B -q "\$@" \\
  -Djib.from.image="\${JIB_FROM:-$jib_registry/jre-base}" -Djib.allowInsecureRegistries=true \\
  -Djib.baseImageCache='$work/jib-cache' -Djib.container.format=OCI \\
  -Djib.container.mainClass=dev.cairn.examples.greeter.GreeterServer -Djib.container.ports=8080
SH
chmod +x "$jib_mvn"

# One build of each outside the measurement: cairn fetches its inputs and fills its layer
# cache, Maven fills ~/.m2 (the plugin, the one time it may use the network) and Jib its cache.
echo "first builds…" >&2
"$cairn" -C "$workspace" build //greeter/oci-images/greeter --format oci-archive --out "$work/cairn-greeter.tar" >/dev/null
"$jib_mvn" verify "$jib_plugin:buildTar" -Djib.outputPaths.tar="$work/jib-greeter.tar" >/dev/null

echo "rebuild after a one-line change…" >&2
cairn_build="'$cairn' -C '$workspace' build //greeter/oci-images/greeter --format oci-archive --out '$work/cairn-greeter.tar'"
jib_build="'$jib_mvn' -o verify $jib_plugin:buildTar -Djib.outputPaths.tar='$work/jib-greeter.tar'"
change() {
  echo "echo \"// \$(date +%s%N)\" >> '$1/src/main/java/dev/cairn/examples/greeter/Greeter.java'"
}
# The launcher's class cache is made from the commands that run first: made anew from this
# build, in the two warm-up runs (one records, the next makes the cache), outside the measurement.
rm -rf "$CAIRN_CACHE/jvm"
hyperfine --runs "$runs" --warmup 2 --export-csv "$work/rebuild.csv" --output=null \
  -n 'cairn build (oci-archive)' --prepare "$(change "$workspace/cells/greeter/service")" "$cairn_build" \
  -n 'mvn verify jib:buildTar' --prepare "$(change "$jib_side/greeter")" "$jib_build"

echo "pushing both services with each…" >&2
# Only the vendor-style bases and what Jib pushes on them count: a fresh registry of its own.
start_registry jib-vendor
vendor_registry=127.0.0.1:$registry_port
for base in jre/jre-vendor-base node/node-vendor-base; do
  "$cairn" -C "$bases" publish "//${base%%/*}/oci-images/${base#*/}" --to "$vendor_registry/${base#*/}" >/dev/null
done
# Not offline: the plugin refuses to push in offline mode (the artifacts are local by now).
JIB_FROM=$vendor_registry/jre-vendor-base "$jib_mvn" verify "$jib_plugin:build" -Djib.to.image="$vendor_registry/greeter" >/dev/null
# jib-core's Guava calls sun.misc.Unsafe, which JDK 23+ warns about.
jvm=()
[ "$(cairn_jdk_release "$JAVA_HOME")" -ge 23 ] && jvm+=(--sun-misc-unsafe-memory-access=allow)
"$JAVA_HOME/bin/java" "${jvm[@]}" -cp "$top/bench/jib/target/classes:$(cat "$work/classpath")" dev.cairn.bench.JibNodeApp \
  "$vendor_registry/node-vendor-base" "$vendor_registry/notes" "$jib_side/notes" bin/notes.js "$work/jib-core-cache" >/dev/null
start_registry cairn
cairn_registry=127.0.0.1:$registry_port
for service in greeter notes; do
  "$cairn" -C "$workspace" publish "//$service/oci-images/$service" --to "$cairn_registry/$service" >/dev/null
done

awk -F, -v cairn_bytes="$(registry_bytes cairn)" -v jib_bytes="$(registry_bytes jib-vendor)" '
  NR == 2 { cairn = $2 } NR == 3 { jib = $2 }
  END {
    printf "rebuild: cairn %.2f s, mvn verify jib:buildTar %.2f s: ratio %.2f (target <= 1)\n", cairn, jib, cairn / jib
    printf "registry bytes, greeter and notes: cairn %.1f MB, Jib (bases included) %.1f MB: ratio %.2f (target <= 0.70)\n", cairn_bytes / 1e6, jib_bytes / 1e6, cairn_bytes / jib_bytes
  }' "$work/rebuild.csv"
