#!/usr/bin/env bash
# Benchmark: cairn against Jib (jib-core, scratch base) on the same content, side by side in
# one JVM: build to a tar and push to Debian's docker-registry on 127.0.0.1, cold and warm.
# Usage: bench/images.sh [WORKDIR] [RUNS]   (default: a fresh temporary directory, 3 runs)
set -euo pipefail

top=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=scripts/find-jdk.sh
. "$top/scripts/find-jdk.sh"
cairn_find_jdk
cairn_maven_env
work=$(readlink -f "${1:-$(mktemp -d)}")
runs=${2:-3}
mkdir -p "$work"

if ! command -v docker-registry >/dev/null 2>&1; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends docker-registry
fi

port=$((20000 + RANDOM % 20000))
rm -rf "$work/registry"
mkdir -p "$work/registry"
cat >"$work/registry/config.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/registry/data
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/registry/config.yml" >"$work/registry/log" 2>&1 &
registry=$!
trap 'kill "$registry" 2>/dev/null || true; rm -rf "$work/runs"' EXIT
for _ in $(seq 1 50); do
  curl -fsS "http://127.0.0.1:$port/v2/" >/dev/null 2>&1 && break
  sleep 0.1
done

echo "building cairn and the benchmark…" >&2
(cd "$top" && mvn -q -B install -DskipTests -pl cairn-oci -am)
(cd "$top/bench/images" && mvn -q -B package dependency:build-classpath -Dmdep.outputFile="$work/classpath")

"$JAVA_HOME/bin/java" -cp "$top/bench/images/target/classes:$(cat "$work/classpath")" \
  dev.cairn.bench.ImageBench "127.0.0.1:$port" "$work" "$runs"
