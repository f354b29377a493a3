#!/usr/bin/env bash
# Builds the two base images every recipe in docker/ starts from, when they are missing (or always, with --force):
#
#   shopsuite-base/debian:bookworm   Debian 12, minimal
#   shopsuite-base/java:25           that Debian plus a Java 25 JDK (builds the suite, runs its JVMs) and curl
#
# SHOP_BASE_SOURCE chooses where they come from (the one switch):
#   local     (default) Debian from Debian's package mirror with debootstrap (needs root), and the JDK this machine
#             has (SHOP_BASE_JDK, default $JAVA_HOME or /usr/lib/jvm/temurin-25-jdk-amd64). No image registry needed.
#   registry  debian:bookworm-slim and eclipse-temurin:25-jdk pulled from the registry the engine is configured with.
#
# Usage: docker/base-images.sh [--force]      (DOCKER: the docker client to use, default `docker`)
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKER=${DOCKER:-docker}
SOURCE=${SHOP_BASE_SOURCE:-local}
DEBIAN_IMAGE=shopsuite-base/debian:bookworm
JAVA_IMAGE=shopsuite-base/java:25
LABEL=org.shopsuite.base=true
force=false
[[ "${1:-}" == --force ]] && force=true

log() { echo "[base-images] $*"; }
fail() { echo "[base-images] FAILED: $*" >&2; exit 1; }
have_image() { ! $force && $DOCKER image inspect "$1" >/dev/null 2>&1; }

pull_or_explain() {
  $DOCKER pull "$1" || fail "could not pull $1: no image registry is reachable from this engine. Build the bases from" \
    "Debian's packages instead: SHOP_BASE_SOURCE=local $0"
}

debian_local() {
  command -v debootstrap >/dev/null || fail "debootstrap is missing: apt-get install debootstrap (or SHOP_BASE_SOURCE=registry)"
  [[ $(id -u) -eq 0 ]] || fail "debootstrap needs root: run this as root (or SHOP_BASE_SOURCE=registry)"
  # The mirror this machine's apt uses, so the image comes from where the host's packages come from.
  local mirror=${SHOP_DEBIAN_MIRROR:-}
  if [[ -z "$mirror" ]]; then
    mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -1)
    [[ -n "$mirror" ]] || mirror=$(awk '$1 == "deb" && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
    mirror=${mirror:-http://deb.debian.org/debian}
  fi
  local root
  root=$(mktemp -d /tmp/shopsuite-debootstrap.XXXXXX)
  trap 'rm -rf "$root"' RETURN
  log "debootstrap bookworm from $mirror (about a minute)"
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.log" 2>&1 \
    || { tail -20 "$root.log" >&2; fail "debootstrap failed (log above)"; }
  rm -f "$root.log"
  # Like debian:bookworm-slim: no docs or caches, the same apt source inside as this mirror.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
  printf 'deb %s bookworm main\ndeb %s bookworm-updates main\n' "$mirror" "$mirror" > "$root/etc/apt/sources.list"
  # Trust what this machine trusts: certificate authorities added locally (a TLS-inspecting proxy's, say) are
  # installed with the ca-certificates package by the images that need TLS.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  fi
  tar -C "$root" -c . | $DOCKER import --change "LABEL $LABEL" --change 'CMD ["bash"]' - "$DEBIAN_IMAGE" >/dev/null
}

java_local() {
  local jdk=${SHOP_BASE_JDK:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}
  [[ -x "$jdk/bin/javac" ]] || fail "no JDK at $jdk: set SHOP_BASE_JDK to a Java 25 JDK directory (or SHOP_BASE_SOURCE=registry)"
  local version
  version=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
  [[ "$version" == 25 ]] || fail "$jdk is Java $version; the suite's images run Java 25: set SHOP_BASE_JDK"
  # The build context is the JDK (as jdk/) plus the recipe, with symbolic links resolved: a JDK from a Debian
  # package links its trust store (lib/security/cacerts) to /etc/ssl/certs/java, which the image does not have.
  tar -ch -C "$jdk" --transform 's,^\./,jdk/,' . -C "$PWD/docker/base" java-local.Dockerfile \
    | $DOCKER build -q -t "$JAVA_IMAGE" --label "$LABEL" -f java-local.Dockerfile - >/dev/null
}

case "$SOURCE" in
  local|registry) ;;
  *) fail "SHOP_BASE_SOURCE must be local or registry, not '$SOURCE'" ;;
esac

began=$SECONDS
if have_image "$DEBIAN_IMAGE"; then
  log "$DEBIAN_IMAGE present"
elif [[ "$SOURCE" == registry ]]; then
  pull_or_explain debian:bookworm-slim
  $DOCKER tag debian:bookworm-slim "$DEBIAN_IMAGE"
else
  debian_local
fi
log "$DEBIAN_IMAGE ready"

if have_image "$JAVA_IMAGE"; then
  log "$JAVA_IMAGE present"
elif [[ "$SOURCE" == registry ]]; then
  pull_or_explain eclipse-temurin:25-jdk
  $DOCKER build -q -t "$JAVA_IMAGE" --label "$LABEL" -f docker/base/java-registry.Dockerfile docker/base >/dev/null
else
  java_local
fi
log "$JAVA_IMAGE ready ($((SECONDS - began)) s)"
