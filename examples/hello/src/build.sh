#!/bin/sh
# "Compiles" the app into $1: a shell program and its data.
set -eu
out=$1
mkdir -p "$out/bin" "$out/share"
cp greeting.txt "$out/share/greeting.txt"
cat > "$out/bin/hello" <<'APP'
#!/bin/sh
greeting=$(cat "$(dirname "$0")/../share/greeting.txt")
echo "$greeting, ${1:-world}!"
APP
chmod 755 "$out/bin/hello"
