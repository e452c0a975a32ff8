#!/usr/bin/env bash
# Creates the small local base images that the example and the tests build FROM, with no registry:
# a rootfs holding Debian's static busybox, imported with `docker import`.
#   stagegate/busybox:1   busybox + /etc/passwd with an unprivileged `app` user (about 2 MB)
# With `debian` as the argument it creates, instead, a real Debian base image for the realistic fixtures
# (apt-get works in it: builds here reach Debian's archive):
#   stagegate/debian:bookworm   `debootstrap --variant=minbase bookworm` (about 110 MB; apt lists and
#                               downloaded .debs removed, as in Debian's official images)
# The rootfs tarball is cached by suite in ~/.cache/stagegate/base-images (or $STAGEGATE_BASE_IMAGE_CACHE),
# so a second daemon (the engine matrix) imports it in seconds; delete the tarball to refresh it.
set -euo pipefail
docker_cli=${STAGEGATE_DOCKER:-docker}

debian_base_image() {
  local suite=bookworm image=stagegate/debian:bookworm
  local cache=${STAGEGATE_BASE_IMAGE_CACHE:-$HOME/.cache/stagegate/base-images}
  local tarball="$cache/debian-$suite-minbase.tar"
  if "$docker_cli" image inspect "$image" >/dev/null 2>&1; then return 0; fi
  if [ ! -s "$tarball" ]; then
    command -v debootstrap >/dev/null || {
      echo "::error::debootstrap is not installed; run: apt-get install -y debootstrap" >&2
      exit 1
    }
    [ "$(id -u)" = 0 ] || { echo "::error::debootstrap needs root to make $image" >&2; exit 1; }
    local root
    root=$(mktemp -d)
    # shellcheck disable=SC2064 # expand now: the trap must remove this rootfs
    trap "rm -rf '$root'" EXIT
    debootstrap --variant=minbase "$suite" "$root" http://deb.debian.org/debian >"$root.log" 2>&1 || {
      echo "::error::debootstrap $suite failed; see $root.log" >&2
      exit 1
    }
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin
    printf 'deb http://deb.debian.org/debian %s main\ndeb http://deb.debian.org/debian %s-updates main\n' \
      "$suite" "$suite" >"$root/etc/apt/sources.list"
    mkdir -p "$cache"
    # A fixed mtime keeps the rootfs tarball stable between rebuilds of the same packages.
    find "$root" -xdev -exec touch -h -d '2024-01-01T00:00:00Z' {} +
    tar --sort=name --numeric-owner --xattrs -C "$root" -cf "$tarball.tmp" .
    mv "$tarball.tmp" "$tarball"
    rm -f "$root.log"
  fi
  "$docker_cli" import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'CMD ["bash"]' "$tarball" "$image" >/dev/null
  echo "created $image"
}

if [ "${1:-}" = debian ]; then
  debian_base_image
  exit 0
fi
busybox=$(command -v busybox || true)
[ -x /bin/busybox ] && busybox=/bin/busybox
if [ -z "$busybox" ] || [[ "$(file -L "$busybox" 2>/dev/null)" != *'statically linked'* ]]; then
  [ -x /bin/busybox ] || { echo "::error::busybox-static is not installed; run: apt-get install -y busybox-static" >&2; exit 1; }
fi
if "$docker_cli" image inspect stagegate/busybox:1 >/dev/null 2>&1; then
  exit 0
fi
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/home/app" "$root/root"
chmod 1777 "$root/tmp"
cp "$busybox" "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
app:x:1000:1000:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
app:x:1000:
nogroup:x:65534:
GROUP
chown 1000:1000 "$root/home/app"
# A fixed mtime keeps the image id stable across machines.
find "$root" -exec touch -h -d '2024-01-01T00:00:00Z' {} +
tar --sort=name --numeric-owner -C "$root" -c . |
  "$docker_cli" import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - stagegate/busybox:1 >/dev/null
echo "created stagegate/busybox:1"
