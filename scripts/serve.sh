#!/usr/bin/env bash
# Serve Maillage for development: the Huey consumer (background tasks) and the web server together.
set -euo pipefail
PY="${PY:-.venv/bin/python}"
PORT="${PORT:-8000}"
"$PY" manage.py run_huey --quiet &
HUEY_PID=$!
trap 'kill "$HUEY_PID" 2>/dev/null || true' EXIT INT TERM
echo "Maillage : http://127.0.0.1:${PORT}/  (Ctrl+C pour arrêter)"
"$PY" manage.py runserver "127.0.0.1:${PORT}"
