#!/usr/bin/env bash
# Installs the system libraries the Python dependencies need and that PyPI wheels do not bundle:
# libgomp1 (OpenMP runtime) for LightGBM, the reconversion engine's re-ranking model.
set -euo pipefail
if /sbin/ldconfig -p 2>/dev/null | grep -q 'libgomp\.so\.1'; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installation de libgomp1 (paquet Debian) pour LightGBM…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libgomp1 >/dev/null
