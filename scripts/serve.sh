#!/usr/bin/env bash
# Serve Maillage as a user sees it: debug off (French 404 and 500 pages, never Django's technical
# page), static files collected and served by WhiteNoise, the Huey consumer (background tasks) beside
# the web server. DJANGO_DEBUG=1 scripts/serve.sh brings the debug pages back for development.
set -euo pipefail
PY="${PY:-.venv/bin/python}"
PORT="${PORT:-8000}"
export DJANGO_DEBUG="${DJANGO_DEBUG:-0}"
"$PY" manage.py collectstatic --noinput --verbosity 0
"$PY" manage.py run_huey --quiet &
HUEY_PID=$!
trap 'kill "$HUEY_PID" 2>/dev/null || true' EXIT INT TERM
echo "Maillage : http://127.0.0.1:${PORT}/  (Ctrl+C pour arrêter ; débogage : DJANGO_DEBUG=${DJANGO_DEBUG})"
"$PY" manage.py runserver --noreload "127.0.0.1:${PORT}"
