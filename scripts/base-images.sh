#!/usr/bin/env bash
# Creates the small local base images that the example and the tests build FROM, with no registry:
# a rootfs holding Debian's static busybox, imported with `docker import`.
#   stagegate/busybox:1   busybox + /etc/passwd with an unprivileged `app` user (about 2 MB)
set -euo pipefail
docker_cli=${STAGEGATE_DOCKER:-docker}
busybox=$(command -v busybox || true)
[ -x /bin/busybox ] && busybox=/bin/busybox
if [ -z "$busybox" ] || ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
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
