# shellcheck shell=bash
# Sourced by ./cairn and ./run-tests: sets JAVA_HOME to a JDK of release 21 or newer.
# Looks at JAVA_HOME first, then every JDK under /usr/lib/jvm (newest first; CAIRN_JVM_DIR
# overrides the directory, for tests), then the javac on PATH, because Debian's default java
# is often older than cairn needs.

cairn_jdk_release() {
  # Prints the feature release of the JDK at $1 (17, 21, 25…), or nothing.
  local home=$1 release
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -r "$home/release" ]; then
    release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "${release:-}" ]; then
    release=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
  fi
  printf '%s' "${release:-}"
}

cairn_find_jdk() {
  local minimum=21 candidate release jvms=${CAIRN_JVM_DIR:-/usr/lib/jvm}
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if [ -d "$jvms" ]; then
    while IFS= read -r candidate; do candidates+=("$candidate"); done \
      < <(find "$jvms" -mindepth 1 -maxdepth 1 -type d | sort -rV)
  fi
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for candidate in "${candidates[@]}"; do
    release=$(cairn_jdk_release "$candidate")
    if [ -n "$release" ] && [ "$release" -ge "$minimum" ]; then
      export JAVA_HOME=$candidate
      return 0
    fi
  done
  {
    echo "cairn needs a JDK of release $minimum or newer, and found none"
    echo "  looked at: \$JAVA_HOME, $jvms/*, and javac on PATH"
    echo "  install one, e.g.: apt-get install openjdk-21-jdk-headless  (or temurin-21-jdk),"
    echo "  or point JAVA_HOME at one"
  } >&2
  return 1
}

cairn_maven_env() {
  # Maven's own libraries call sun.misc.Unsafe, which JDK 23+ warns about on every run.
  local release
  release=$(cairn_jdk_release "$JAVA_HOME")
  if [ -n "$release" ] && [ "$release" -ge 23 ]; then
    case " ${MAVEN_OPTS:-} " in
      *sun-misc-unsafe-memory-access*) ;;
      *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "cairn is built with Maven, and mvn is not on PATH: apt-get install maven" >&2
    return 1
  fi
}

cairn_utf8_locale() {
  # File names are bytes; the JVM decodes them with the locale's charset.
  case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
    *UTF-8* | *utf-8* | *UTF8* | *utf8*) ;;
    *) export LC_ALL=C.UTF-8 ;;
  esac
}
