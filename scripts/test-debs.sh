# shellcheck shell=bash
# Sourced by ./run-tests: makes the real .deb files some tests build images from available
# offline, so that the tests themselves never touch the network. apt's package cache may hold
# some of them already; the rest are fetched once with `apt-get download` into the test-debs
# directory, which the Java fixtures (dev.cairn.inputs.testing.OfflineDebs) look in too.

cairn_test_debs_dir() {
  # The rule of OfflineDebs.testDebsDirectory(): $CAIRN_TEST_DEBS, else test-debs in cairn's
  # cache directory, $XDG_CACHE_HOME/cairn when that is absolute, else ~/.cache/cairn.
  local cache=$HOME/.cache
  case ${XDG_CACHE_HOME:-} in /*) cache=$XDG_CACHE_HOME ;; esac
  case ${CAIRN_TEST_DEBS:-} in
    "") printf '%s' "$cache/cairn/test-debs" ;;
    /*) printf '%s' "$CAIRN_TEST_DEBS" ;;
    *) printf '%s' "$PWD/$CAIRN_TEST_DEBS" ;;
  esac
}

cairn_fetch_test_debs() {
  # Each argument is one package set (words separated by spaces), resolved as apt would
  # install it into an empty system; the .debs of every set's closure end up offline.
  local directory archives=/var/cache/apt/archives set plan name version arch file
  local -a wanted=()
  local -A seen=()
  directory=$(cairn_test_debs_dir)
  for set in "$@"; do
    # Dir::State::Status=/dev/null: nothing counts as installed, so the whole closure is
    # listed, as the tests lock it; -s only simulates and needs no root.
    # shellcheck disable=SC2086 # a set is several package names
    if ! plan=$(apt-get -s -o Dir::State::Status=/dev/null --no-install-recommends install $set 2>&1); then
      printf '%s\n' "$plan" >&2
      echo "apt cannot compute the closure of the test packages '$set' (see above)" >&2
      return 1
    fi
    # "Inst libc6 (2.36-9+deb12u14 Debian:12.15/oldstable [amd64]) []": name, version, architecture.
    while read -r name version arch; do
      # apt names a downloaded .deb name_version_arch.deb with the version's ':' as %3a.
      file="${name%%:*}_${version//:/%3a}_${arch}.deb"
      if [ -n "${seen[$file]:-}" ] || [ -f "$archives/$file" ] || [ -f "$directory/$file" ]; then
        continue
      fi
      seen[$file]=1
      wanted+=("$name=$version")
    done < <(sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) [^[]*\[\([^]]*\)\].*/\1 \2 \3/p' <<<"$plan")
  done
  [ "${#wanted[@]}" -gt 0 ] || return 0

  echo "downloading ${#wanted[@]} test packages (.deb) into $directory" >&2
  mkdir -p "$directory"
  local output
  # apt-get download writes into the current directory and checks each file's hash.
  if ! output=$(cd "$directory" && apt-get download -q "${wanted[@]}" 2>&1); then
    printf '%s\n' "$output" >&2
    echo "could not download the test packages (see above); the tests that build images from" \
      "real Debian packages need them: check the network and apt's sources, then run ./run-tests again" >&2
    return 1
  fi
}
