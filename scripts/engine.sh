#!/usr/bin/env bash
# Sourced by scripts/example.sh and scripts/test.sh: makes sure a Docker engine answers, picks a docker
# CLI that can use BuildKit (exported as STAGEGATE_DOCKER), and creates the local base images.
# On a fresh Debian machine it installs Debian's docker.io (dockerd with BuildKit built in) and
# busybox-static, and starts dockerd in the background. It fails, never skips, when no engine can be had.

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "::error::stagegate needs root (or sudo) to install and start Docker: $*" >&2
    return 1
  fi
}

stagegate_pick_docker() {
  # A CLI with the buildx plugin uses `docker buildx build` (as on GitHub's runners); otherwise
  # Debian's CLI, whose `docker build` has BuildKit built in (newer CLIs refuse BuildKit without buildx).
  if [ -n "${STAGEGATE_DOCKER:-}" ]; then return; fi
  if docker buildx version >/dev/null 2>&1; then
    STAGEGATE_DOCKER=$(command -v docker)
  elif [ -x /usr/bin/docker ]; then
    STAGEGATE_DOCKER=/usr/bin/docker
  else
    STAGEGATE_DOCKER=$(command -v docker || echo docker)
  fi
  export STAGEGATE_DOCKER
}

stagegate_engine() {
  stagegate_pick_docker
  if "$STAGEGATE_DOCKER" info >/dev/null 2>&1 && command -v busybox >/dev/null 2>&1; then
    :
  else
    if ! [ -x /usr/sbin/dockerd ] || ! [ -x /bin/busybox ] || ! [ -x /usr/bin/docker ]; then
      echo "Installing Debian's docker.io and busybox-static..." >&2
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io busybox-static >/dev/null
    fi
    unset STAGEGATE_DOCKER
    stagegate_pick_docker
    if ! "$STAGEGATE_DOCKER" info >/dev/null 2>&1; then
      echo "Starting dockerd in the background (log: /tmp/stagegate-dockerd.log)..." >&2
      as_root sh -c 'nohup dockerd >/tmp/stagegate-dockerd.log 2>&1 &'
      for _ in $(seq 1 60); do
        "$STAGEGATE_DOCKER" info >/dev/null 2>&1 && break
        sleep 1
      done
    fi
  fi
  if ! "$STAGEGATE_DOCKER" info >/dev/null 2>&1; then
    echo "::error::No Docker engine answers '$STAGEGATE_DOCKER info' after starting dockerd; see /tmp/stagegate-dockerd.log" >&2
    tail -n 20 /tmp/stagegate-dockerd.log >&2 2>/dev/null || true
    return 1
  fi
  STAGEGATE_DOCKER="$STAGEGATE_DOCKER" bash "$(dirname "${BASH_SOURCE[0]}")/base-images.sh"
  echo "Docker engine ready: $("$STAGEGATE_DOCKER" version --format '{{.Server.Version}}') (CLI: $STAGEGATE_DOCKER)" >&2
}
