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
# Jib's bases hold the same Debian packages as cairn's images (openjdk-17-jre-headless or
# nodejs, with dash and bash, at the versions of examples/cairn.lock): cairn builds them from a
# workspace of two plain images and pushes them to Jib's registry first.
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

# Jib's bases: plain images of the same Debian packages as the services' images, from a lock
# that pins the examples' versions (`cairn lock` keeps them; checked below).
bases=$work/bases
rm -rf "$bases"
mkdir -p "$bases/cells/jre" "$bases/cells/node"
cp "$top/examples/cairn.pkl" "$top/examples/cairn.lock" "$bases/"
for base in "jre openjdk-17-jre-headless" "node nodejs"; do
  read -r cell runtime <<<"$base"
  cat >"$bases/cells/$cell/oci-images.pkl" <<PKL
// Jib's base for the benchmark: the Debian packages of the example's standard image, nothing else.
amends "cairn:OciImages"

import "cairn:debian"

images {
  ["$cell-base"] { contents { debian.packages(List("$runtime", "dash", "bash")) } }
}
PKL
done
"$cairn" -C "$bases" lock >/dev/null
pins() { tr -d ' \n' <"$1" | grep -o "\"request\":\[$2\],\"packages\":\[[^]]*\]"; }
for request in '"bash","dash","openjdk-17-jre-headless"' '"bash","dash","nodejs"'; do
  if [ "$(pins "$bases/cairn.lock" "$request")" != "$(pins "$workspace/cairn.lock" "$request")" ]; then
    echo "jib.sh: the bases' lock pins other versions of $request than examples/cairn.lock" >&2
    exit 1
  fi
done

start_registry jib
jib_registry=127.0.0.1:$registry_port
for cell in jre node; do
  "$cairn" -C "$bases" publish "//$cell/oci-images/$cell-base" --to "$jib_registry/$cell-base" >/dev/null
done

# Jib's Maven invocation, a script so that hyperfine runs the same command: the plugin on the
# greeter's project, from the JRE base, on JDK 17 without the options cairn_maven_env gives
# JDK 25; -Djib.baseImageCache keeps Jib's cache out of ~/.cache.
jib_mvn=$work/jib-mvn
cat >"$jib_mvn" <<SH
#!/bin/sh
cd '$jib_side/greeter' && JAVA_HOME='$jdk17' MAVEN_OPTS= exec mvn -B -q "\$@" \\
  -Djib.from.image='$jib_registry/jre-base' -Djib.allowInsecureRegistries=true \\
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
hyperfine --runs "$runs" --export-csv "$work/rebuild.csv" --output=null \
  -n 'cairn build (oci-archive)' --prepare "$(change "$workspace/cells/greeter/service")" "$cairn_build" \
  -n 'mvn verify jib:buildTar' --prepare "$(change "$jib_side/greeter")" "$jib_build"

echo "pushing both services with each…" >&2
# Not offline: the plugin refuses to push in offline mode (the artifacts are local by now).
"$jib_mvn" verify "$jib_plugin:build" -Djib.to.image="$jib_registry/greeter" >/dev/null
# jib-core's Guava calls sun.misc.Unsafe, which JDK 23+ warns about.
jvm=()
[ "$(cairn_jdk_release "$JAVA_HOME")" -ge 23 ] && jvm+=(--sun-misc-unsafe-memory-access=allow)
"$JAVA_HOME/bin/java" "${jvm[@]}" -cp "$top/bench/jib/target/classes:$(cat "$work/classpath")" dev.cairn.bench.JibNodeApp \
  "$jib_registry/node-base" "$jib_registry/notes" "$jib_side/notes" bin/notes.js "$work/jib-core-cache" >/dev/null
start_registry cairn
cairn_registry=127.0.0.1:$registry_port
for service in greeter notes; do
  "$cairn" -C "$workspace" publish "//$service/oci-images/$service" --to "$cairn_registry/$service" >/dev/null
done

awk -F, -v cairn_bytes="$(registry_bytes cairn)" -v jib_bytes="$(registry_bytes jib)" '
  NR == 2 { cairn = $2 } NR == 3 { jib = $2 }
  END {
    printf "rebuild: cairn %.2f s, mvn verify jib:buildTar %.2f s: ratio %.2f (target <= 1)\n", cairn, jib, cairn / jib
    printf "registry bytes, greeter and notes: cairn %.1f MB, Jib (bases included) %.1f MB: ratio %.2f (target <= 0.70)\n", cairn_bytes / 1e6, jib_bytes / 1e6, cairn_bytes / jib_bytes
  }' "$work/rebuild.csv"
