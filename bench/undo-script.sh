#!/usr/bin/env bash
# bench/undo-script.sh [N] — one undo script of N statements (default 50000), issue 10's measurement of the lexer
# and the undo path, on a throw-away embedded PostgreSQL (bench/src/BenchServer.java).
#
# The set: V1 creates table legacy and fills it with N rows; V2 deletes them; U2 puts them back with N INSERT
# statements (an ordinary undo script of a data migration). Timed, whole commands (JVM start included), BENCH_RUNS
# (default 3) runs each, interleaved, each on a fresh database at revision 2:
#   downgrade 1 --dry-run --no-backup  lexes the script and checks it: nothing to run or probe (target <= 1 s),
#                                      with java -jar and through bin/db-migrate
#   downgrade 1 --dry-run              also runs U2 in a transaction it rolls back, to find what would be backed up
#   downgrade 1                        runs U2 (probed: INSERTs destroy nothing, so it runs once) vs
#   psql -1 -f U2                      the floor: the same script in one transaction (target: db-migrate <= 2x)
# Every timed run is followed by a check: rows in legacy (N after a downgrade, 0 after a dry run) and the history.
# Needs a JDK 17+, psql (installed with apt-get when missing) and cli/target/db-migrate.jar (built when missing).
set -euo pipefail

N=${1:-50000}
RUNS=${BENCH_RUNS:-3}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=$ROOT/cli/target/db-migrate.jar
WORK=$(mktemp -d "${TMPDIR:-/tmp}/db-migrate-undo-bench.XXXXXX")
export PGPASSWORD=bench
log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { printf '\nBENCH FAILED: %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null && command -v javac >/dev/null || die "a JDK (java and javac) is needed on PATH"
if ! command -v psql >/dev/null; then
    SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
    $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null \
        || die "could not install postgresql-client"
fi
[[ -f $JAR ]] || (cd "$ROOT" && { mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests; }) || die "build failed"
mkdir -p "$WORK/classes" "$WORK/m"
javac -nowarn -cp "$JAR" -d "$WORK/classes" "$ROOT/bench/src/BenchServer.java" || die "javac failed"

SERVER_PID=""
cleanup() {
    local rc=$?
    if [[ -n $SERVER_PID ]]; then
        exec {SRV_IN}>&- 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
        kill "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT
mkfifo "$WORK/server.in" "$WORK/server.out"
java -cp "$JAR:$WORK/classes" BenchServer fsync=off <"$WORK/server.in" >"$WORK/server.out" 2>"$WORK/server.log" &
SERVER_PID=$!
exec {SRV_IN}>"$WORK/server.in"
exec {SRV_OUT}<"$WORK/server.out"
read -r -t 180 PORT <&"$SRV_OUT" || { cat "$WORK/server.log" >&2; die "embedded PostgreSQL did not start"; }
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PORT" -U postgres)
q() { "${PSQL[@]}" -At -d "$1" -c "$2"; }

printf 'CREATE TABLE legacy (id int PRIMARY KEY, code text NOT NULL);\nINSERT INTO legacy SELECT g, %s FROM generate_series(1, %d) g;\n' \
    "'code-' || g" "$N" >"$WORK/m/V1__legacy.sql"
printf 'DROP TABLE legacy;\n' >"$WORK/m/U1__legacy.sql"
printf 'DELETE FROM legacy;\n' >"$WORK/m/V2__retire_legacy.sql"
awk -v n="$N" 'BEGIN { print "-- puts back the rows V2 deleted"; for (i = 1; i <= n; i++) printf "INSERT INTO legacy (id, code) VALUES (%d, %ccode-%d%c);\n", i, 39, i, 39 }' \
    >"$WORK/m/U2__retire_legacy.sql"
log "PostgreSQL on port $PORT; U2 has $N statements"

SEQ=0
fresh() {   # a database at revision 2
    SEQ=$((SEQ + 1)); DB=undo_$SEQ
    q postgres "CREATE DATABASE $DB" >/dev/null
    java -jar "$JAR" upgrade --url "jdbc:postgresql://localhost:$PORT/$DB" --user postgres --locations "filesystem:$WORK/m" \
        >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; die "upgrade failed"; }
}
check() {   # check ROWS HISTORY
    [[ $(q "$DB" "SELECT count(*) FROM legacy") == "$1" ]] || die "$CASE: legacy rows not $1"
    [[ $(q "$DB" "SELECT count(*) FROM flyway_schema_history WHERE version IS NOT NULL") == "$2" ]] || die "$CASE: history not $2"
}
ms() { local t0 t1; t0=$(date +%s%N); "$@" >"$WORK/out" 2>"$WORK/err" || { tail -5 "$WORK/err" >&2; die "$CASE failed"; }
       t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 )); }
ours() { java -jar "$JAR" downgrade 1 "$@" --url "jdbc:postgresql://localhost:$PORT/$DB" --user postgres --locations "filesystem:$WORK/m"; }
# bin/db-migrate: the same jar with a class-data archive, the serial GC and C1 only
fast() { env "DB_MIGRATE_JAR=$JAR" "$ROOT/bin/db-migrate" downgrade 1 "$@" --url "jdbc:postgresql://localhost:$PORT/$DB" \
             --user postgres --locations "filesystem:$WORK/m"; }

declare -A T
for run in $(seq 1 "$RUNS"); do
    fresh; CASE="dry run --no-backup"; T[dry_static]+="$(ms ours --dry-run --no-backup) "; check 0 2
    CASE="dry run --no-backup, bin/db-migrate"; T[dry_static_launcher]+="$(ms fast --dry-run --no-backup) "; check 0 2
    CASE="dry run"; T[dry_probe]+="$(ms ours --dry-run) "; check 0 2
    CASE="downgrade"; T[ours]+="$(ms ours) "; check "$N" 1
    fresh; CASE="psql"; T[psql]+="$(ms "${PSQL[@]}" -1 -d "$DB" -f "$WORK/m/U2__retire_legacy.sql") "; check "$N" 2
    log "run $run done"
done
median() { printf '%s\n' $1 | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", ((NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) / 1000 }'; }
psql_s=$(median "${T[psql]}")
printf '\n| case (U2 of %d statements) | median | vs psql |\n|---|---|---|\n' "$N"
for k in dry_static dry_static_launcher dry_probe ours psql; do
    s=$(median "${T[$k]}")
    printf '| %s | %s s | %s× |\n' "$k" "$s" "$(awk -v a="$s" -v b="$psql_s" 'BEGIN { printf "%.2f", a / b }')"
done
