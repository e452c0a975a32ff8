#!/usr/bin/env bash
# The engine matrix (test infrastructure only; see docs/engines.md):
#   bash scripts/engines.sh list          the engine names, one a line
#   bash scripts/engines.sh up NAME       starts NAME (installing what is missing) and prints export lines:
#                                         eval "$(bash scripts/engines.sh up docker-container)"
#   bash scripts/engines.sh down NAME     stops NAME (`down all` also stops the shared registry)
# Everything but the export lines goes to stderr. Tools are cached by version under
# ${STAGEGATE_ENGINES_DIR:-$HOME/.cache/stagegate/engines}, never in the repository. The machine's default
# dockerd (/var/run/docker.sock) is only ever used, never stopped or reconfigured.
set -Eeuo pipefail

# ---- every pinned version, in one place -------------------------------------------------------------
DEBIAN13_DOCKER=26.1.5     # Debian 13 (trixie) docker.io + docker-cli: dockerd and the CLI
DEBIAN13_CONTAINERD=1.7.24 # Debian 13 containerd (containerd, containerd-shim-runc-v2)
DEBIAN13_BUILDX=0.13.1     # Debian 13 docker-buildx: the old buildx, used with STAGEGATE_BUILDX=debian
BUILDX_VERSION=v0.38.2     # go install github.com/docker/buildx/cmd/buildx
BUILDKIT_VERSION=v0.34.2   # github.com/moby/buildkit from the Go module proxy: go build ./cmd/{buildkitd,buildctl}
DISTRIBUTION_VERSION=v3.1.2 # go install github.com/distribution/distribution/v3/cmd/registry
MOBY_VERSION=v2.0.0-beta.24 # go install github.com/moby/moby/v2/cmd/dockerd: Docker 29's engine (API 1.56)
RUNC_VERSION=v1.3.7        # go install github.com/opencontainers/runc (cgo, seccomp): the runc docker29 runs
DOCKER_CLI_VERSION=v29.9.0 # github.com/docker/cli, go build ./cmd/docker: the CLI of docker29 and docker29-container
BUILDKIT_IMAGE_REVISION=1  # bump when the BuildKit image's rootfs recipe below changes
BASE_IMAGES=(stagegate/busybox:1) # what scripts/base-images.sh creates; pushed to the registry
CLASSIC_SUBNET=${STAGEGATE_CLASSIC_BRIDGE:-172.30.241.1/24}     # docker-classic's bridge, sg-classic0
CONTAINERD_SUBNET=${STAGEGATE_CONTAINERD_BRIDGE:-172.30.242.1/24} # docker-containerd's bridge, sg-ctrd0
DOCKER29_SUBNET=${STAGEGATE_DOCKER29_BRIDGE:-172.30.243.1/24}       # docker29's bridge, sg-d29
# -------------------------------------------------------------------------------------------------------

ENGINES=(docker-classic docker-containerd docker29 docker-container docker-container-containerd docker29-container
  remote legacy-buildkit)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${STAGEGATE_ENGINES_DIR:-$HOME/.cache/stagegate/engines}
RUN=${STAGEGATE_ENGINES_RUN:-/run/stagegate}
DATA=${STAGEGATE_ENGINES_DATA:-/var/lib/stagegate}
REGISTRY_PORT=${STAGEGATE_REGISTRY_PORT:-5042}
REGISTRY=127.0.0.1:$REGISTRY_PORT
DEB_ROOT=$CACHE/debian13-docker-$DEBIAN13_DOCKER
GO_BIN=$CACHE/go-bin
BUILDKIT_BIN=$GO_BIN/buildkit-$BUILDKIT_VERSION
BUILDX_BIN=$GO_BIN/buildx-$BUILDX_VERSION
REGISTRY_BIN=$GO_BIN/distribution-$DISTRIBUTION_VERSION
MOBY_BIN=$GO_BIN/moby-$MOBY_VERSION
RUNC_BIN=$GO_BIN/runc-$RUNC_VERSION
DOCKER_CLI_BIN=$GO_BIN/docker-cli-$DOCKER_CLI_VERSION
BUILDKIT_IMAGE=$REGISTRY/stagegate/buildkit:$BUILDKIT_VERSION-sg$BUILDKIT_IMAGE_REVISION
CLI=$DEB_ROOT/usr/bin/docker
CLASSIC_SOCK=$RUN/docker-classic.sock
# The dockerd each BuildKit engine's builder loads into (and, but for remote, runs its container on).
declare -A LOADS_INTO=([docker-container]=docker-classic [docker-container-containerd]=docker-containerd
  [docker29-container]=docker29 [remote]=docker-classic)
DEFAULT_SOCK=/var/run/docker.sock

# stdout is kept for the export lines (fd 3); everything else, tools' output included, goes to stderr.
exec 3>&1 1>&2

log() { echo "engines: $*" >&2; }
# die exits 97, so a failure already reported inside a command substitution is not reported twice.
die() {
  echo "::error::engines.sh ${COMMAND:-} ${ENGINE:-}: $*" >&2
  exit 97
}
on_err() { # status line
  [ "$1" -eq 97 ] && exit 97
  die "command failed (exit $1) at line $2: $BASH_COMMAND"
}
trap 'on_err $? $LINENO' ERR

need_root() { [ "$(id -u)" -eq 0 ] || die "run it as root (it starts daemons and writes $RUN and $DATA)"; }

# The PATH the daemons run with: the cached Debian 13 binaries first, then the machine's (Debian 12's runc).
daemon_path() { echo "$DEB_ROOT/usr/bin:$DEB_ROOT/usr/sbin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"; }

# The caller's PATH without entries an earlier `up` added, so switching engines does not pile them up.
clean_path() {
  local out='' entry
  local IFS=:
  for entry in $PATH; do
    case "$entry" in "$CACHE"/* | "$DATA"/*) continue ;; esac
    out=${out:+$out:}$entry
  done
  echo "$out"
}

# ---- processes -------------------------------------------------------------------------------------------
pid_alive() { # pidfile
  local pid
  [ -f "$1" ] && pid=$(cat "$1" 2>/dev/null || true) && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

# Starts a daemon in its own session, logging to $log; its pid goes to $pidfile.
spawn() { # pidfile logfile cmd...
  local pidfile=$1 logfile=$2
  shift 2
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  # A plain background command (no function, no sudo), so $! is the daemon itself once env/setsid exec it.
  # It must not inherit fd 3 (the export lines: `eval "$(…)"` would wait for it) nor fd 9 (the lock).
  # `path_prefix`, when a caller sets it (docker29: its runc), goes before the daemons' PATH.
  env PATH="${path_prefix:+$path_prefix:}$(daemon_path)" OTEL_TRACES_EXPORTER=none OTEL_METRICS_EXPORTER=none \
    setsid nohup "$@" </dev/null >>"$logfile" 2>&1 3>&- 9>&- &
  echo $! >"$pidfile"
}

# What a stopped dockerd may leave mounted (its netns/default, overlays of killed containers), deepest first.
unmount_under() { # dir...
  local dir mount
  for dir in "$@"; do
    awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | while read -r mount; do
      umount "$mount" 2>/dev/null || umount -l "$mount" || true
    done
  done
}

stop_pidfile() { # pidfile name
  local pid
  if pid_alive "$1"; then
    pid=$(cat "$1")
    log "stopping $2 (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$1"
}

wait_for() { # seconds description logfile cmd...
  local seconds=$1 what=$2 logfile=$3
  shift 3
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  tail -n 30 "$logfile" >&2 2>/dev/null || true
  die "$what did not answer within ${seconds}s (log: $logfile)"
}

# ---- installing ------------------------------------------------------------------------------------------
go_cmd() {
  if command -v go >/dev/null 2>&1; then command -v go; elif [ -x /usr/local/go/bin/go ]; then
    echo /usr/local/go/bin/go
  else die "Go is missing (needed to build buildx, BuildKit and the registry; see docs/engines.md)"; fi
}

# Go builds use their own module and build caches under $CACHE (nothing of the machine's GOPATH is shared).
go_env() {
  env GOMODCACHE="$CACHE/go-mod" GOCACHE="$CACHE/go-build-cache" GOFLAGS=-mod=mod CGO_ENABLED=0 "$@"
}

# go_install DIR LDFLAGS PACKAGE@VERSION...: builds once into DIR (keyed by version), static (CGO off)
# unless CGO=1; GO_TAGS are its build tags.
go_install() {
  local dir=$1 ldflags=$2
  shift 2
  if [ -f "$dir/.complete" ]; then return; fi
  local go start
  go=$(go_cmd)
  start=$(date +%s)
  log "building $* with $("$go" version | cut -d' ' -f3) (once; cached in $dir)"
  rm -rf "$dir.tmp"
  mkdir -p "$dir.tmp"
  GOBIN="$dir.tmp" go_env env CGO_ENABLED="${CGO:-0}" "$go" install -trimpath -tags "${GO_TAGS:-}" \
    -ldflags "$ldflags" "$@" >&2
  finish_install "$dir" "$start"
}

# go_build_module DIR LDFLAGS MODULE VERSION ./cmd/a ./cmd/b...: for modules `go install m@v` refuses (a
# go.mod with exclude/replace directives): the module as the Go module proxy serves it, built as the main
# module from a scratch copy outside the repository.
go_build_module() {
  local dir=$1 ldflags=$2 module=$3 version=$4
  shift 4
  if [ -f "$dir/.complete" ]; then return; fi
  local go start src
  go=$(go_cmd)
  start=$(date +%s)
  log "building $module@$version ($*) with $("$go" version | cut -d' ' -f3) (once; cached in $dir)"
  src=$(cd / && go_env "$go" mod download -json "$module@$version" | sed -nE 's/^\s*"Dir": "(.*)",?$/\1/p')
  [ -d "$src" ] || die "go mod download $module@$version gave no source folder"
  rm -rf "$dir.tmp" "$dir.src"
  mkdir -p "$dir.tmp"
  cp -r "$src" "$dir.src"
  chmod -R u+w "$dir.src"
  # A module whose go.mod is kept under another name (GO_MOD_FROM=vendor.mod: docker/cli's).
  if [ -n "${GO_MOD_FROM:-}" ]; then
    cp "$dir.src/$GO_MOD_FROM" "$dir.src/go.mod"
    cp "$dir.src/${GO_MOD_FROM%.mod}.sum" "$dir.src/go.sum"
  fi
  (cd "$dir.src" && go_env "$go" build -trimpath -ldflags "$ldflags" -o "$dir.tmp/" "$@" >&2)
  rm -rf "$dir.src"
  finish_install "$dir" "$start"
}

finish_install() { # dir start-seconds
  touch "$1.tmp/.complete"
  rm -rf "$1"
  mv "$1.tmp" "$1"
  log "built $(basename "$1") in $(($(date +%s) - $2))s"
}

install_registry() {
  go_install "$REGISTRY_BIN" '-s -w' "github.com/distribution/distribution/v3/cmd/registry@$DISTRIBUTION_VERSION"
}
install_buildkit() {
  # BuildKit's go.mod has exclude directives, which `go install m@v` refuses.
  go_build_module "$BUILDKIT_BIN" "-s -w -X github.com/moby/buildkit/version.Version=$BUILDKIT_VERSION" \
    github.com/moby/buildkit "$BUILDKIT_VERSION" ./cmd/buildkitd ./cmd/buildctl
}
# Docker 29's dockerd, from moby's own Go module (github.com/moby/moby/v2, tagged v2.0.0-beta.N; the
# Docker 29 releases are cut from it). Its version string is the module's: no Docker release is claimed.
install_moby() {
  go_install "$MOBY_BIN" "-s -w -X github.com/moby/moby/v2/dockerversion.Version=moby-$MOBY_VERSION -X github.com/moby/moby/v2/dockerversion.GitCommit=$MOBY_VERSION" \
    "github.com/moby/moby/v2/cmd/dockerd@$MOBY_VERSION"
}
# Docker 29 gives every container a time namespace, which Debian 12's runc 1.1.5 refuses ("namespace
# {"time" ""} does not exist"; runc 1.2 added it). docker29's containerd and dockerd run runc 1.3.7 (the
# line Docker 29 ships) instead, built here: with cgo (runc's nsenter is C) and seccomp (libseccomp-dev).
install_runc() {
  CGO=1 GO_TAGS=seccomp go_install "$RUNC_BIN" "-X main.version=${RUNC_VERSION#v}" \
    "github.com/opencontainers/runc@$RUNC_VERSION"
}
# Docker 29's CLI, for the engines that are Docker 29 (GitHub's runners pair the CLI and the daemon).
# docker/cli has no go.mod (its module is `+incompatible`; vendor.mod holds its requirements), so
# `go install` resolves every dependency afresh and fails; it is built from its vendor.mod instead.
# v29.9.0: from v29.9.3 it pins github.com/moby/swarmkit/v2 v2.1.3, which the Go module proxy refuses.
install_docker_cli() {
  GO_MOD_FROM=vendor.mod go_build_module "$DOCKER_CLI_BIN" "-s -w -X github.com/docker/cli/cli/version.Version=${DOCKER_CLI_VERSION#v} -X github.com/docker/cli/cli/version.GitCommit=$DOCKER_CLI_VERSION" \
    github.com/docker/cli "$DOCKER_CLI_VERSION+incompatible" ./cmd/docker
}
install_buildx() {
  go_install "$BUILDX_BIN" "-s -w -X github.com/docker/buildx/version.Version=$BUILDX_VERSION -X github.com/docker/buildx/version.Package=github.com/docker/buildx" \
    "github.com/docker/buildx/cmd/buildx@$BUILDX_VERSION"
}

# The Debian mirror this machine's apt uses (first URI serving its own release), read at run time.
debian_mirror() {
  local codename uri
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v c="$codename" '
    /^URIs:/ { u = $2 } /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == c) { print u; exit } }')
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
      sed -E 's/\[[^]]*\]//' | awk -v c="$codename" '$1 == "deb" && $3 == c { print $2; exit }')
  fi
  [ -n "$uri" ] || die "cannot find the Debian mirror in /etc/apt/sources.list{,.d} (release $codename)"
  echo "$uri"
}

# Debian 13's docker.io, docker-cli, docker-buildx and containerd, unpacked (not installed) into $DEB_ROOT.
install_debian13() {
  if [ -f "$DEB_ROOT/.complete" ]; then return; fi
  local start apt work keyring version
  start=$(date +%s)
  work=$CACHE/apt-trixie
  rm -rf "$work/debs" "$DEB_ROOT.tmp"
  mkdir -p "$work/debs" "$DEB_ROOT.tmp"
  apt=(apt-get -q -o APT::Sandbox::User=root -o Acquire::Languages=none)
  if [ "$(. /etc/os-release && echo "${VERSION_ID:-}")" = 13 ]; then
    log "fetching Debian 13 packages with the machine's own apt"
    "${apt[@]}" update >&2
  else
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    [ -f "$keyring" ] || die "$keyring is missing (apt-get install debian-archive-keyring)"
    mkdir -p "$work/etc/sources.list.d" "$work/etc/preferences.d" "$work/state/lists/partial" \
      "$work/cache/archives/partial"
    : >"$work/state/status"
    echo "deb [signed-by=$keyring] $(debian_mirror) trixie main" >"$work/etc/sources.list"
    apt+=(-o "Dir::Etc::SourceList=$work/etc/sources.list" -o "Dir::Etc::SourceParts=$work/etc/sources.list.d"
      -o "Dir::Etc::Preferences=$work/etc/preferences" -o "Dir::Etc::PreferencesParts=$work/etc/preferences.d"
      -o "Dir::State=$work/state" -o "Dir::State::status=$work/state/status" -o "Dir::Cache=$work/cache"
      -o APT::Architecture=amd64)
    log "fetching Debian 13 (trixie) packages with a private apt state in $work (the machine's apt is untouched)"
    "${apt[@]}" update >&2
  fi
  (cd "$work/debs" && "${apt[@]}" download docker.io docker-cli docker-buildx containerd >&2)
  for deb in "$work"/debs/*.deb; do
    version=$(dpkg-deb -f "$deb" Version)
    case "$(dpkg-deb -f "$deb" Package)=$version" in
      docker.io="$DEBIAN13_DOCKER"+* | docker-cli="$DEBIAN13_DOCKER"+* | containerd="$DEBIAN13_CONTAINERD"~* | \
        docker-buildx="$DEBIAN13_BUILDX"+*) ;;
      *) die "$(basename "$deb"): Debian 13 now ships another version than the pins at the top of $0" ;;
    esac
    dpkg-deb -x "$deb" "$DEB_ROOT.tmp"
    echo "$(dpkg-deb -f "$deb" Package) $version" >>"$DEB_ROOT.tmp/VERSIONS"
  done
  # Debian 13's runc wants a newer glibc: Debian 12's /usr/sbin/runc is used (found on the daemons' PATH).
  "$DEB_ROOT.tmp/usr/sbin/dockerd" --version >&2 || die "Debian 13's dockerd does not run on this machine"
  touch "$DEB_ROOT.tmp/.complete"
  rm -rf "$DEB_ROOT" "$work/debs"
  mv "$DEB_ROOT.tmp" "$DEB_ROOT"
  log "Debian 13 docker unpacked in $DEB_ROOT in $(($(date +%s) - start))s"
}

ensure_machine_tools() {
  local missing=()
  command -v busybox >/dev/null 2>&1 || [ -x /bin/busybox ] || missing+=(busybox-static)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ -x /usr/sbin/runc ] || missing+=(runc)
  # To build docker29's runc (install_runc): cgo, and libseccomp's headers and pkg-config file.
  command -v gcc >/dev/null 2>&1 || missing+=(gcc)
  command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
  [ -f /usr/include/seccomp.h ] || missing+=(libseccomp-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
}

# A private DOCKER_CONFIG whose cli-plugins holds the chosen buildx (never the machine's global one).
docker_config() { # engine
  local flavour=$BUILDX_VERSION plugin=$BUILDX_BIN/buildx
  if [ "${STAGEGATE_BUILDX:-}" = debian ]; then
    flavour=debian-$DEBIAN13_BUILDX
    plugin=$DEB_ROOT/usr/libexec/docker/cli-plugins/docker-buildx
  fi
  local dir=$DATA/$1/docker-config-buildx-$flavour
  mkdir -p "$dir/cli-plugins"
  if ! cmp -s "$plugin" "$dir/cli-plugins/docker-buildx"; then
    ln -f "$plugin" "$dir/cli-plugins/docker-buildx" 2>/dev/null || cp "$plugin" "$dir/cli-plugins/docker-buildx"
  fi
  echo "$dir"
}

# ---- the registry (shared by every engine) ---------------------------------------------------------------
registry_ok() { curl -fs -o /dev/null --max-time 2 "http://$REGISTRY/v2/"; }

registry_up() {
  install_registry
  if registry_ok; then return; fi
  local dir=$RUN/registry
  mkdir -p "$dir" "$DATA/registry"
  cat >"$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $DATA/registry
  delete:
    enabled: true
http:
  addr: $REGISTRY
EOF
  log "starting the registry on $REGISTRY (data: $DATA/registry)"
  spawn "$dir/registry.pid" "$dir/registry.log" "$REGISTRY_BIN/registry" serve "$dir/config.yml"
  wait_for 30 "the registry on $REGISTRY" "$dir/registry.log" registry_ok
}

in_registry() { # repository:tag
  curl -fs -o /dev/null --max-time 5 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$REGISTRY/v2/${1%:*}/manifests/${1##*:}"
}

# Pushes the local base images (from the docker-classic daemon) so builders that cannot see a daemon's
# images (docker-container, remote) pull them: their buildkitd mirrors docker.io to the registry.
push_base_images() {
  local image
  for image in "${BASE_IMAGES[@]}"; do
    if in_registry "$image"; then continue; fi
    log "pushing $image to $REGISTRY"
    "$CLI" -H "unix://$CLASSIC_SOCK" tag "$image" "$REGISTRY/$image"
    "$CLI" -H "unix://$CLASSIC_SOCK" push -q "$REGISTRY/$image" >&2
  done
}

# ---- dockerd from Debian 13 (docker-classic, docker-containerd) ------------------------------------------
docker_ok() { "$CLI" -H "unix://$1" info >/dev/null 2>&1; }

containerd_up() { # engine
  local dir=$RUN/$1/containerd
  local sock=$dir/containerd.sock
  if pid_alive "$dir/containerd.pid" && "$DEB_ROOT/usr/bin/ctr" --address "$sock" version >/dev/null 2>&1; then
    return
  fi
  mkdir -p "$dir" "$DATA/$1/containerd"
  cat >"$dir/config.toml" <<EOF
version = 2
root = "$DATA/$1/containerd"
state = "$dir/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
EOF
  log "starting Debian 13's containerd $DEBIAN13_CONTAINERD for $1 ($sock)"
  spawn "$dir/containerd.pid" "$dir/containerd.log" "$DEB_ROOT/usr/bin/containerd" --config "$dir/config.toml"
  wait_for 30 "containerd for $1" "$dir/containerd.log" "$DEB_ROOT/usr/bin/ctr" --address "$sock" version
}

# Each dockerd gets its own bridge (dockerd's BuildKit needs one for RUN; docker0 is the machine's dockerd's).
bridge_of() {
  case "$1" in
    docker-classic) echo "sg-classic0 $CLASSIC_SUBNET" ;;
    docker29) echo "sg-d29 $DOCKER29_SUBNET" ;;
    *) echo "sg-ctrd0 $CONTAINERD_SUBNET" ;;
  esac
}

# The dockerd an engine runs, and what its daemon.json says of the image store: Debian 13's 26.1.5 with
# the store chosen, or Docker 29's with none (its default, the containerd store, as on GitHub's runners).
dockerd_of() { case "$1" in docker29) echo "$MOBY_BIN/dockerd" ;; *) echo "$DEB_ROOT/usr/sbin/dockerd" ;; esac; }
features_of() {
  case "$1" in
    docker-classic) echo '"features": { "containerd-snapshotter": false },' ;;
    docker-containerd) echo '"features": { "containerd-snapshotter": true },' ;;
  esac
}

bridge_up() { # name address/prefix
  if ! ip link show "$1" >/dev/null 2>&1; then
    log "creating bridge $1 ($2)"
    ip link add "$1" type bridge
  fi
  # `replace` is idempotent. (A `ip addr show | grep -q` test raced under pipefail: grep exits at the first
  # match, ip's next write gets SIGPIPE, and the pipeline "failed" on a bridge that had the address.)
  ip addr replace "$2" dev "$1"
  ip link set "$1" up
}

# Outbound network for an engine's containers (the realistic fixtures run apt-get and npm ci there): its
# dockerd runs with iptables off, since the machine's dockerd owns docker0 and the DOCKER chains, so the
# bridge's subnet is masqueraded here. Idempotent (-C before -A); `down` deletes the rules again.
NAT_RULES=('POSTROUTING -t nat -s SUBNET ! -o BRIDGE -j MASQUERADE'
  'FORWARD -i BRIDGE ! -o BRIDGE -j ACCEPT'
  'FORWARD -o BRIDGE -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT')
bridge_nat() { # up|down bridge address/prefix
  local rule words
  if ! command -v iptables >/dev/null 2>&1; then
    [ "$1" = down ] || log "no iptables here: containers on $2 have no outbound network"
    return 0
  fi
  for rule in "${NAT_RULES[@]}"; do
    rule=${rule//BRIDGE/$2}
    read -r -a words <<<"${rule//SUBNET/$3}"
    if [ "$1" = up ]; then
      # Only the realistic fixtures need the network: a machine that refuses the rule still runs the tests.
      if ! iptables -C "${words[@]}" 2>/dev/null && ! iptables -A "${words[@]}"; then
        log "could not add iptables rule '${words[*]}': containers on $2 have no outbound network"
        return 0
      fi
    else
      while iptables -C "${words[@]}" 2>/dev/null; do iptables -D "${words[@]}"; done
    fi
  done
  if [ "$1" = up ] && [ "$(cat /proc/sys/net/ipv4/ip_forward)" != 1 ]; then
    echo 1 >/proc/sys/net/ipv4/ip_forward
  fi
}

dockerd_up() { # engine (docker-classic, docker-containerd, docker29)
  local engine=$1
  local sock=$RUN/$engine.sock dir=$RUN/$engine bridge subnet dockerd
  read -r bridge subnet <<<"$(bridge_of "$engine")"
  install_debian13
  # Seen by containerd_up and spawn (bash's dynamic scope): docker29's daemons find its runc first.
  local path_prefix=''
  if [ "$engine" = docker29 ]; then
    install_moby
    install_runc
    path_prefix=$RUNC_BIN
  fi
  dockerd=$(dockerd_of "$engine")
  bridge_nat up "$bridge" "$subnet"
  if pid_alive "$dir/dockerd.pid" && docker_ok "$sock"; then
    log "$engine already answers on $sock"
  else
    containerd_up "$engine"
    bridge_up "$bridge" "$subnet"
    mkdir -p "$dir" "$DATA/$engine/docker"
    # Its own bridge and no iptables: the machine's dockerd owns docker0 and the DOCKER chains.
    # No userland proxy: no test publishes a port, and docker29 has no docker-proxy binary (none is built).
    cat >"$dir/daemon.json" <<EOF
{
  "data-root": "$DATA/$engine/docker",
  "exec-root": "$dir/exec",
  "pidfile": "$dir/dockerd.daemon.pid",
  "hosts": ["unix://$sock"],
  "containerd": "$dir/containerd/containerd.sock",
  "bridge": "$bridge",
  "iptables": false,
  "ip6tables": false,
  "ip-masq": false,
  "userland-proxy": false,
  $(features_of "$engine")
  "insecure-registries": ["$REGISTRY"],
  "registry-mirrors": ["http://$REGISTRY"]
}
EOF
    log "starting dockerd $("$dockerd" --version | cut -d, -f1 | sed 's/^Docker version //') as $engine (socket $sock, data $DATA/$engine/docker)"
    spawn "$dir/dockerd.pid" "$dir/dockerd.log" "$dockerd" --config-file "$dir/daemon.json"
    wait_for 60 "dockerd ($engine)" "$dir/dockerd.log" docker_ok "$sock"
  fi
  DOCKER_HOST="unix://$sock" STAGEGATE_DOCKER="$CLI" bash "$HERE/base-images.sh" >&2
}

# The image store each dockerd must have (docker29 by Docker 29's own default: its daemon.json names
# none), checked against what the daemon reports, so a test's expectation never comes from the daemon.
declare -A STORE=([docker-classic]=classic [docker-containerd]=containerd [docker29]=containerd)
checked_store() { # dockerd engine
  # Read whole, then matched (a `| grep -q` would stop reading early and fail the pipeline under pipefail).
  local status reported=classic
  status=$("$CLI" -H "unix://$RUN/$1.sock" info --format '{{json .DriverStatus}}')
  case "$status" in *io.containerd.snapshotter*) reported=containerd ;; esac
  [ "$reported" = "${STORE[$1]}" ] || die "$1 reports the $reported image store, not the ${STORE[$1]} one it must have"
  echo "$reported"
}

# ---- BuildKit (docker-container, remote) ------------------------------------------------------------------
buildkitd_toml() { # file
  cat >"$1" <<EOF
# stagegate's engines: pull docker.io images (the base images) from the local registry, over plain http.
[worker.oci]
  enabled = true
[worker.containerd]
  enabled = false
[registry."docker.io"]
  mirrors = ["$REGISTRY"]
[registry."$REGISTRY"]
  http = true
  insecure = true
EOF
}

# The image buildx's docker-container driver runs: buildkitd, buildctl (buildx execs `buildctl dial-stdio`),
# Debian 12's runc with the libraries ldd names (it is dynamically linked), and a static busybox for a shell.
# Tagged in the local registry, so buildx's pull succeeds without leaving the machine.
buildkit_image() {
  install_buildkit
  if in_registry "${BUILDKIT_IMAGE#*/}"; then return; fi
  local root lib busybox
  root=$(mktemp -d)
  mkdir -p "$root"/{usr/bin,bin,etc/buildkit,tmp,var/lib/buildkit,run,proc,sys,dev,root}
  chmod 1777 "$root/tmp"
  cp "$BUILDKIT_BIN/buildkitd" "$BUILDKIT_BIN/buildctl" "$root/usr/bin/"
  cp /usr/sbin/runc "$root/usr/bin/runc"
  for lib in $(ldd /usr/sbin/runc | grep -oE '/[^ ]+'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  busybox=/bin/busybox
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ -e "$root/bin/$applet" ] || [ -e "$root/usr/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  log "assembling $BUILDKIT_IMAGE ($(du -sh "$root" | cut -f1))"
  tar --numeric-owner -C "$root" -c . | "$CLI" -H "unix://$CLASSIC_SOCK" import \
    -c 'ENV PATH=/usr/bin:/bin' -c 'VOLUME /var/lib/buildkit' -c 'ENTRYPOINT ["buildkitd"]' - "$BUILDKIT_IMAGE" >&2
  rm -rf "$root"
  "$CLI" -H "unix://$CLASSIC_SOCK" push -q "$BUILDKIT_IMAGE" >&2
}

# Creates (or keeps) a named buildx builder; recreated when its creation arguments change.
builder_up() { # engine name create-args...
  local engine=$1 name=$2
  shift 2
  local stamp=$DATA/$engine/builder-args-$name
  local want="$*"
  if [ "$(cat "$stamp" 2>/dev/null || true)" = "$want" ] && "$CLI" buildx inspect --bootstrap "$name" >/dev/null 2>&1; then
    log "builder $name already up"
    return
  fi
  "$CLI" buildx rm "$name" >/dev/null 2>&1 || true
  log "creating buildx builder $name: docker buildx create $*"
  "$CLI" buildx create --name "$name" "$@" --use --bootstrap >&2
  echo "$want" >"$stamp"
}

remote_up() {
  install_buildkit
  local dir=$RUN/remote
  local sock=$dir/buildkitd.sock
  if pid_alive "$dir/buildkitd.pid" && "$BUILDKIT_BIN/buildctl" --addr "unix://$sock" debug workers >/dev/null 2>&1; then
    log "buildkitd (remote) already answers on $sock"
  else
    mkdir -p "$dir" "$DATA/remote/buildkit"
    buildkitd_toml "$dir/buildkitd.toml"
    log "starting buildkitd $BUILDKIT_VERSION on the host ($sock, root $DATA/remote/buildkit)"
    spawn "$dir/buildkitd.pid" "$dir/buildkitd.log" "$BUILDKIT_BIN/buildkitd" --config "$dir/buildkitd.toml" \
      --root "$DATA/remote/buildkit" --addr "unix://$sock"
    wait_for 60 "buildkitd (remote)" "$dir/buildkitd.log" "$BUILDKIT_BIN/buildctl" --addr "unix://$sock" debug workers
  fi
}

# ---- commands --------------------------------------------------------------------------------------------
emit() { # NAME=value (exported) or -NAME (unset)
  local kv
  for kv in "$@"; do
    if [ "${kv#-}" != "$kv" ]; then echo "unset ${kv#-}" >&3; else printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}" >&3; fi
  done
}

up() {
  local engine=$1 config path
  ensure_machine_tools
  mkdir -p "$RUN" "$DATA" "$CACHE"
  path=$(clean_path)
  if [ "$engine" = legacy-buildkit ]; then
    # The machine's default dockerd (Debian 12's 20.10) and its CLI: scripts/engine.sh sets it up.
    # shellcheck source=scripts/engine.sh
    source "$HERE/engine.sh"
    STAGEGATE_DOCKER=/usr/bin/docker stagegate_engine
    registry_up
    emit "PATH=$path" "DOCKER_HOST=unix://$DEFAULT_SOCK" -DOCKER_CONFIG -BUILDX_BUILDER \
      STAGEGATE_DOCKER=/usr/bin/docker "STAGEGATE_REGISTRY=$REGISTRY" STAGEGATE_ENGINE=legacy-buildkit \
      STAGEGATE_ENGINE_DRIVER=legacy STAGEGATE_ENGINE_STORE=classic
    return
  fi
  install_debian13
  install_buildx
  registry_up
  # Only the docker CLI goes on the caller's PATH (not Debian 13's containerd, ctr…).
  mkdir -p "$DEB_ROOT/cli-bin"
  ln -sfn ../usr/bin/docker "$DEB_ROOT/cli-bin/docker"
  # The CLI the engine's user runs (on PATH, and STAGEGATE_DOCKER): Docker 29's on the Docker 29 engines.
  # The script's own commands keep Debian 13's ($CLI), which every daemon here answers.
  local user_cli=$CLI cli_dir=$DEB_ROOT/cli-bin
  case "$engine" in
    docker29 | docker29-container)
      install_docker_cli
      user_cli=$DOCKER_CLI_BIN/docker cli_dir=$DOCKER_CLI_BIN
      ;;
  esac
  config=$(docker_config "$engine")
  export DOCKER_CONFIG=$config
  case "$engine" in
    docker-classic | docker-containerd | docker29)
      dockerd_up "$engine"
      export DOCKER_HOST=unix://$RUN/$engine.sock
      local store
      store=$(checked_store "$engine")
      log "$engine: $("$CLI" info --format 'dockerd {{.ServerVersion}}, storage driver {{.Driver}}, {{range .DriverStatus}}{{index . 0}}={{index . 1}} {{end}}')"
      emit "PATH=$cli_dir:$path" "DOCKER_HOST=$DOCKER_HOST" "DOCKER_CONFIG=$config" -BUILDX_BUILDER \
        "STAGEGATE_DOCKER=$user_cli" "STAGEGATE_REGISTRY=$REGISTRY" "STAGEGATE_ENGINE=$engine" STAGEGATE_ENGINE_DRIVER=docker \
        "STAGEGATE_ENGINE_STORE=$store"
      ;;
    docker-container | docker-container-containerd | docker29-container | remote)
      # The base images and the BuildKit image reach the registry from docker-classic.
      dockerd_up docker-classic
      export DOCKER_HOST=unix://$CLASSIC_SOCK
      push_base_images
      local loads_into=${LOADS_INTO[$engine]} store
      if [ "$loads_into" != docker-classic ]; then
        # GitHub's runners with docker/setup-buildx-action: the builder's container, and what it loads,
        # on a containerd image store's dockerd (Docker 26's, or Docker 29's by default).
        dockerd_up "$loads_into"
        export DOCKER_HOST=unix://$RUN/$loads_into.sock
      fi
      store=$(checked_store "$loads_into")
      local name=stagegate-$engine toml=$DATA/$engine/buildkitd.toml
      # Its own builder (and BuildKit container) for Debian's buildx, beside the one of the newest buildx.
      if [ "${STAGEGATE_BUILDX:-}" = debian ]; then name=$name-debian-buildx; fi
      mkdir -p "$DATA/$engine"
      buildkitd_toml "$toml"
      if [ "$engine" != remote ]; then
        buildkit_image
        builder_up "$engine" "$name" --driver docker-container --driver-opt network=host \
          --driver-opt "image=$BUILDKIT_IMAGE" --buildkitd-config "$toml"
      else
        remote_up
        builder_up "$engine" "$name" --driver remote "unix://$RUN/remote/buildkitd.sock"
      fi
      log "$engine: $("$CLI" buildx inspect "$name" | grep -E '^(Driver|BuildKit version):' | tr -s ' ' | paste -sd' ')"
      emit "PATH=$cli_dir:$path" "DOCKER_HOST=$DOCKER_HOST" "DOCKER_CONFIG=$config" "BUILDX_BUILDER=$name" \
        "STAGEGATE_DOCKER=$user_cli" "STAGEGATE_REGISTRY=$REGISTRY" "STAGEGATE_ENGINE=$engine" \
        "STAGEGATE_ENGINE_DRIVER=$([ "$engine" = remote ] && echo remote || echo docker-container)" \
        "STAGEGATE_ENGINE_STORE=$store"
      ;;
  esac
  log "$engine is up (CLI $("$user_cli" version --format '{{.Client.Version}}'), $("$user_cli" buildx version))"
}

down() {
  local engine=$1
  case "$engine" in
    docker-classic | docker-containerd | docker29)
      stop_pidfile "$RUN/$engine/dockerd.pid" "dockerd ($engine)"
      stop_pidfile "$RUN/$engine/containerd/containerd.pid" "containerd ($engine)"
      unmount_under "$RUN/$engine" "$DATA/$engine"
      local bridge subnet
      read -r bridge subnet <<<"$(bridge_of "$engine")"
      if ip link show "$bridge" >/dev/null 2>&1; then ip link delete "$bridge" type bridge; fi
      bridge_nat down "$bridge" "$subnet"
      ;;
    docker-container | docker-container-containerd | docker29-container | remote)
      local config sock=$RUN/${LOADS_INTO[$engine]}.sock
      for config in "$DATA/$engine"/docker-config-*; do
        [ -d "$config" ] || continue
        if docker_ok "$sock"; then
          DOCKER_CONFIG=$config DOCKER_HOST=unix://$sock "$CLI" buildx rm "stagegate-$engine" >&2 2>/dev/null ||
            DOCKER_CONFIG=$config DOCKER_HOST=unix://$sock "$CLI" buildx rm "stagegate-$engine-debian-buildx" >&2 2>/dev/null || true
        fi
      done
      rm -f "$DATA/$engine"/builder-args-*
      if [ "$engine" = remote ]; then stop_pidfile "$RUN/remote/buildkitd.pid" "buildkitd (remote)"; fi
      log "$engine is down (the dockerd it loads into stays up: 'down ${LOADS_INTO[$engine]}' stops it)"
      ;;
    legacy-buildkit) log "legacy-buildkit is the machine's default dockerd: it is never stopped" ;;
    all)
      for engine in remote docker29-container docker-container-containerd docker-container docker29 docker-containerd \
        docker-classic; do down "$engine"; done
      stop_pidfile "$RUN/registry/registry.pid" registry
      ;;
  esac
}

COMMAND=${1:-}
ENGINE=${2:-}
known() { local e; for e in "${ENGINES[@]}" "$@"; do [ "$e" = "$ENGINE" ] && return 0; done; return 1; }
case "$COMMAND" in
  list) printf '%s\n' "${ENGINES[@]}" >&3 ;;
  install) # hidden: fetch and build every tool (no daemon started), e.g. to warm a CI cache
    need_root
    mkdir -p "$RUN"
    exec 9>"$RUN/.lock"
    flock 9
    ensure_machine_tools
    install_debian13
    install_registry
    install_buildkit
    install_buildx
    install_moby
    install_runc
    install_docker_cli
    ;;
  up)
    known || die "unknown engine '$ENGINE' (one of: ${ENGINES[*]})"
    need_root
    mkdir -p "$RUN"
    exec 9>"$RUN/.lock"
    flock 9
    up "$ENGINE"
    ;;
  down)
    known all || die "unknown engine '$ENGINE' (one of: ${ENGINES[*]} all)"
    need_root
    mkdir -p "$RUN"
    exec 9>"$RUN/.lock"
    flock 9
    down "$ENGINE"
    ;;
  *)
    echo "usage: bash scripts/engines.sh list | up NAME | down NAME|all" >&2
    exit 2
    ;;
esac
