#!/usr/bin/env bash
# Makes TorchSharp's native bridge loadable on systems whose libstdc++ predates GLIBCXX_3.4.32 (Debian 12, Ubuntu 22.04).
# Usage: patch-libtorchsharp.sh <folder holding libLibTorchSharp.so>
# It (1) marks the GLIBCXX_3.4.32 version requirement weak, so the loader no longer refuses the library,
# (2) unversions the one symbol that needs it, std::ios_base_library_init(), and (3) makes the library load a tiny
# compat library that defines that symbol. Idempotent; does nothing when the system libstdc++ is new enough.
set -euo pipefail
folder="$1"
lib="$folder/libLibTorchSharp.so"
here="$(cd "$(dirname "$0")" && pwd)"
[ -f "$lib" ] || { echo "patch-libtorchsharp: no $lib" >&2; exit 1; }

system_libstdcxx=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
if [ -n "$system_libstdcxx" ] && grep -q 'GLIBCXX_3\.4\.32' "$system_libstdcxx"; then
  exit 0
fi
if ! readelf -V "$lib" | grep -q 'Name: GLIBCXX_3\.4\.32  Flags: none'; then
  exit 0 # already patched, or built without the requirement
fi
for tool in patchelf readelf c++; do
  command -v "$tool" >/dev/null || { echo "patch-libtorchsharp: '$tool' is required (apt-get install patchelf binutils g++)" >&2; exit 1; }
done

c++ -shared -fPIC -O2 -o "$folder/libseedstdcompat.so" "$here/ios_base_library_init.cpp"

# Offset of the .gnu.version_r section in the file, and of the GLIBCXX_3.4.32 entry inside it (readelf -V prints both).
section_offset=$((16#$(readelf -SW "$lib" | awk '$0 ~ /\.gnu\.version_r/ {for (i = 1; i <= NF; i++) if ($i == "VERNEED") {print $(i + 2); exit}}')))
entry_offset=$(readelf -V "$lib" | awk '/Name: GLIBCXX_3\.4\.32/ {sub(":", "", $1); print $1; exit}')
# Elf64_Vernaux: vna_hash (4 bytes), vna_flags (2 bytes, little-endian); VER_FLG_WEAK = 2.
printf '\x02\x00' | dd of="$lib" bs=1 seek=$((section_offset + entry_offset + 4)) conv=notrunc status=none

patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$lib"
patchelf --add-needed libseedstdcompat.so "$lib"
patchelf --set-rpath '$ORIGIN' "$lib"
echo "patch-libtorchsharp: patched $lib for libstdc++ without GLIBCXX_3.4.32"
