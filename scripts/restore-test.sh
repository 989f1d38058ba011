#!/usr/bin/env bash
# Backup and restore test (docs/deployment.md, « Sauvegardes ») — really does it, end to end:
#   1. backs up the PostgreSQL database of DATABASE_URL (pg_dump, custom format) and the uploaded
#      files of MEDIA_ROOT (tar.gz), with their SHA-256 checksums, into BACKUP_DIR;
#   2. restores the dump into a scratch database on the same server and the archive into a scratch
#      folder;
#   3. checks that every table has the same number of rows in both databases and that every
#      restored file has the same checksum; drops the scratch database (KEEP_SCRATCH=1 keeps it).
# Exits non-zero on any difference.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/maillage MEDIA_ROOT=/srv/maillage/var/media \
#     scripts/restore-test.sh
set -euo pipefail

SOURCE_URL="${DATABASE_URL:?DATABASE_URL (PostgreSQL) est obligatoire}"
case "$SOURCE_URL" in postgres://*|postgresql://*) ;; *) echo "DATABASE_URL doit être PostgreSQL." >&2; exit 2;; esac
MEDIA_DIR="${MEDIA_ROOT:-${MAILLAGE_VAR_DIR:-var}/media}"
BACKUP_DIR="${BACKUP_DIR:-$(mktemp -d -t maillage-backup-XXXXXX)}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
SCRATCH_DB="${SCRATCH_DB:-maillage_restore_test_$$}"
SERVER_URL="${SOURCE_URL%/*}"          # postgres://user@host:port
QUERY=""; case "$SOURCE_URL" in *\?*) QUERY="?${SOURCE_URL#*\?}";; esac
SCRATCH_URL="$SERVER_URL/$SCRATCH_DB$QUERY"
ADMIN_URL="$SERVER_URL/postgres$QUERY"
SCRATCH_MEDIA="$(mktemp -d -t maillage-media-restore-XXXXXX)"
PSQL=(psql -X -q -At -v ON_ERROR_STOP=1)
PYTHON="${PYTHON:-$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/python}"

cleanup() {
  if [ "${KEEP_SCRATCH:-0}" != "1" ]; then
    "${PSQL[@]}" "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$SCRATCH_DB\"" >/dev/null 2>&1 || true
    rm -rf "$SCRATCH_MEDIA"
  fi
}
trap cleanup EXIT

echo "== 1. Sauvegarde ($STAMP) dans $BACKUP_DIR"
mkdir -p "$BACKUP_DIR"
DUMP="$BACKUP_DIR/maillage-$STAMP.dump"
ARCHIVE="$BACKUP_DIR/media-$STAMP.tar.gz"
# The dump and the row counts come from one snapshot (the site may keep writing meanwhile).
"$PYTHON" - "$SOURCE_URL" "$DUMP" "$BACKUP_DIR/rows-$STAMP.txt" <<'PYEOF'
import subprocess, sys
import psycopg
from psycopg import sql

url, dump, counts_path = sys.argv[1:4]
with psycopg.connect(url, autocommit=True) as connection:
    connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
    tables = [row[0] for row in connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
        "AND table_type = 'BASE TABLE' ORDER BY 1")]
    with open(counts_path, "w") as out:
        for table in tables:
            count = connection.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
            out.write(f"{table} {count}\n")
    subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                    "--file", dump, url], check=True)
    connection.execute("ROLLBACK")
PYEOF
mkdir -p "$MEDIA_DIR"
tar -czf "$ARCHIVE" -C "$MEDIA_DIR" .
(cd "$BACKUP_DIR" && sha256sum "$(basename "$DUMP")" "$(basename "$ARCHIVE")" > "SHA256SUMS-$STAMP")
echo "   base : $(du -h "$DUMP" | cut -f1), fichiers : $(du -h "$ARCHIVE" | cut -f1)"

echo "== 2. Restauration dans la base de test « $SCRATCH_DB » et dans $SCRATCH_MEDIA"
(cd "$BACKUP_DIR" && sha256sum --quiet -c "SHA256SUMS-$STAMP")
"${PSQL[@]}" "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$SCRATCH_DB\"" -c "CREATE DATABASE \"$SCRATCH_DB\""
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$SCRATCH_URL" "$DUMP"
"${PSQL[@]}" "$SCRATCH_URL" -c "ANALYZE" > /dev/null  # a dump holds no planner statistics
tar -xzf "$ARCHIVE" -C "$SCRATCH_MEDIA"

echo "== 3. Vérification"
status=0
rows=0
tables=0
while read -r table source_count; do
  tables=$((tables + 1))
  rows=$((rows + source_count))
  restored_count=$("${PSQL[@]}" "$SCRATCH_URL" -c "SELECT count(*) FROM \"$table\"" 2>/dev/null || echo "absente")
  if [ "$source_count" != "$restored_count" ]; then
    echo "   ÉCART $table : $source_count lignes sauvegardées, $restored_count restaurées" >&2; status=1
  fi
done < "$BACKUP_DIR/rows-$STAMP.txt"
restored_tables=$("${PSQL[@]}" "$SCRATCH_URL" -c "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
if [ "$restored_tables" != "$tables" ]; then
  echo "   ÉCART : $tables tables sauvegardées, $restored_tables restaurées" >&2; status=1
fi
echo "   $tables tables, $rows lignes comparées (comptées dans l'instantané de la sauvegarde)"
source_files=$(cd "$MEDIA_DIR" && find . -type f -print0 | sort -z | xargs -0r sha256sum)
restored_files=$(cd "$SCRATCH_MEDIA" && find . -type f -print0 | sort -z | xargs -0r sha256sum)
if [ "$source_files" != "$restored_files" ]; then
  echo "   ÉCART dans les fichiers déposés" >&2; status=1
fi
echo "   $(printf '%s' "$source_files" | grep -c . || true) fichiers déposés comparés (SHA-256)"
if [ "$status" -eq 0 ]; then
  echo "== Restauration vérifiée : base et fichiers identiques à la sauvegarde."
else
  echo "== ÉCHEC de la vérification de restauration." >&2
fi
exit "$status"
