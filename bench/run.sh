#!/usr/bin/env bash
# bench/run.sh [N] — end-to-end timings of the db-migrate CLI against baselines (issue 7).
#
# In one run: starts a throw-away PostgreSQL from the embedded binaries inside cli/target/db-migrate.jar
# (bench/src/BenchServer.java), generates N (default 500) migrations with exact undo scripts plus a
# second set of BENCH_INFO_N (default 5000) for `info`, and times WHOLE commands (JVM start included),
# each on a fresh database (CREATE DATABASE per run), BENCH_RUNS (default 3) runs, min and median:
#   upgrade head    vs raw Flyway migrate() (bench/src/RawFlyway.java) on the same files,
#                   and psql -1 applying the V scripts (the floor);
#   downgrade base  vs psql -1 running the same U scripts newest first;
#   current         vs one psql query on the history table;
#   info (N=5000)   against the absolute target, plus peak heap from a GC log under -Xmx256m
#                   (that database is set up by psql + bench/src/SeedHistory.java: Flyway needs minutes);
#   and, for reference, raw Flyway with group(true).
# The repository's examples/migrations set (5 migrations) is run as a second data set. Contenders run
# interleaved (A B A B ...), and each timed step also reports how many statements it sent to its
# database (pg_stat_statements), which does not depend on how busy the machine is.
# Every timed step is followed by a check of its result (tables, history rows, rows in a table); a
# mismatch aborts the run. Results are printed and written to bench/results/latest.md.
#
# Needs: a JDK 17+ (java, javac), psql (installed with apt-get when missing), and the cli jar (built
# with `mvn -B -q package -DskipTests` when missing; never `mvn install`).
# Environment: BENCH_RUNS (3), BENCH_INFO_N (5000), BENCH_SKIP_INFO=1 to skip the big set,
#              BENCH_KEEP=1 to keep the temp dir, BENCH_MAX_LOAD=1.5 to wait (up to 10 min) for a quieter
#              machine before starting. Takes about 6-8 minutes on 2 busy cores.
set -euo pipefail

N=${1:-500}
RUNS=${BENCH_RUNS:-3}
BIG=${BENCH_INFO_N:-5000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=$ROOT/cli/target/db-migrate.jar
RESULTS=$ROOT/bench/results
WORK=$(mktemp -d "${TMPDIR:-/tmp}/db-migrate-bench.XXXXXX")
export PGPASSWORD=bench   # the embedded server trusts local connections; the CLI still reads PGPASSWORD
export PGCONNECT_TIMEOUT=10

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { printf '\nBENCH FAILED: %s\n' "$*" >&2; exit 1; }

[[ $N =~ ^[0-9]+$ && $N -ge 2 ]] || die "N must be a number >= 2 (got '$N')"

# ---------------------------------------------------------------- prerequisites
command -v java >/dev/null && command -v javac >/dev/null || die "a JDK (java and javac) is needed on PATH"
if ! command -v psql >/dev/null; then
    log "psql missing: installing Debian package postgresql-client"
    SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
    $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null \
        || die "could not install postgresql-client"
fi
if [[ ! -f $JAR ]]; then
    log "building $JAR (mvn package, offline first)"
    (cd "$ROOT" && { mvn -B -q -o package -DskipTests || mvn -B -q package -DskipTests; }) || die "build failed"
fi
if [[ -n $(find "$ROOT/engine/src/main" "$ROOT/cli/src/main" -newer "$JAR" -type f 2>/dev/null | head -1) ]]; then
    log "WARNING: sources are newer than $JAR: this measures the jar as built (rebuild with mvn -B -q -o package -DskipTests)"
fi
mkdir -p "$WORK/classes" "$RESULTS"
javac -nowarn -cp "$JAR" -d "$WORK/classes" "$ROOT"/bench/src/*.java || die "javac failed"
CP="$JAR:$WORK/classes"

# ---------------------------------------------------------------- server
SERVER_PID=""
cleanup() {
    local rc=$?
    if [[ -n $SERVER_PID ]]; then
        log "stopping PostgreSQL"
        exec {SRV_IN}>&- 2>/dev/null || true      # BenchServer stops the server when its stdin closes
        for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID" 2>/dev/null || true; fi
    fi
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkfifo "$WORK/server.in" "$WORK/server.out"
# pg_stat_statements: every timed step also reports how many statements it sent (load-independent)
java -cp "$CP" BenchServer shared_preload_libraries=pg_stat_statements pg_stat_statements.max=20000 <"$WORK/server.in" >"$WORK/server.out" 2>"$WORK/server.log" &
SERVER_PID=$!
exec {SRV_IN}>"$WORK/server.in"
exec {SRV_OUT}<"$WORK/server.out"
read -r -t 180 PORT <&"$SRV_OUT" || { cat "$WORK/server.log" >&2; die "embedded PostgreSQL did not start"; }
[[ $PORT =~ ^[0-9]+$ ]] || die "bad port '$PORT'"
log "PostgreSQL on port $PORT"

PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PORT" -U postgres)
q() { "${PSQL[@]}" -At -d "$1" -c "$2"; }   # q DB SQL
url() { echo "jdbc:postgresql://localhost:$PORT/$1"; }

q postgres "CREATE EXTENSION pg_stat_statements" >/dev/null
DBSEQ=0
newdb() { DBSEQ=$((DBSEQ + 1)); DB=bench_$DBSEQ; q postgres "CREATE DATABASE $DB" >/dev/null; }
dropdb() { q postgres "DROP DATABASE $1" >/dev/null; }

# ---------------------------------------------------------------- data sets
# gen DIR N: N migrations; each creates a table with a FK to the previous one and an index, adds a
# column with DEFAULT now() and inserts rows; its U script undoes exactly that, statement by statement.
gen() {
    local dir=$1 n=$2
    mkdir -p "$dir"
    awk -v n="$n" -v dir="$dir" 'BEGIN {
        for (i = 1; i <= n; i++) {
            v = dir "/V" i "__create_t" i ".sql"; u = dir "/U" i "__create_t" i ".sql"
            fk = (i > 1) ? "REFERENCES t" (i - 1) " (id)" : ""
            printf "CREATE TABLE t%d (\n    id        bigserial PRIMARY KEY,\n    parent_id bigint %s,\n    name      text NOT NULL,\n    amount    numeric(12,2) NOT NULL DEFAULT 0\n);\n", i, fk > v
            printf "CREATE INDEX t%d_parent_id_idx ON t%d (parent_id);\n", i, i > v
            printf "ALTER TABLE t%d ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();\n", i > v
            printf "INSERT INTO t%d (parent_id, name, amount) VALUES (1, %c%s%c, 10.50), (2, %cb%c, 20), (3, %cc%c, 30);\n", i, 39, "a", 39, 39, 39, 39, 39 > v
            close(v)
            printf "DELETE FROM t%d WHERE name IN (%ca%c, %cb%c, %cc%c);\n", i, 39, 39, 39, 39, 39, 39 > u
            printf "ALTER TABLE t%d DROP COLUMN created_at;\n", i > u
            printf "DROP INDEX t%d_parent_id_idx;\n", i > u
            printf "DROP TABLE t%d;\n", i > u
            close(u)
        }
    }'
}

# concat DIR PREFIX ORDER OUT: every PREFIX script of DIR in version order (ORDER: -n or -rn) into OUT
concat() {
    local dir=$1 prefix=$2 order=$3 out=$4
    (cd "$dir" && ls | grep -E "^${prefix}[0-9]+__.*\.sql$" | sed -E "s/^${prefix}([0-9]+)__.*/\1 &/" |
        sort $order -k1,1 | cut -d' ' -f2 |
        awk '{ while ((getline line < $0) > 0) print line; close($0) }') >"$out"   # every line ends with a newline
}

# Per data set: how many migrations, which tables it leaves, a row count to check.
declare -A DS_N DS_TABLES DS_ROWSQL DS_ROWS
setup_sets() {
    gen "$WORK/gen$N" "$N"
    DS_N[gen]=$N
    DS_TABLES[gen]="relname ~ '^t[0-9]+\$'"
    DS_ROWSQL[gen]="SELECT count(*) FROM t$N WHERE created_at IS NOT NULL AND parent_id IS NOT NULL"
    DS_ROWS[gen]=3
    cp -r "$ROOT/examples/migrations" "$WORK/examples"
    DS_N[examples]=$(ls "$WORK/examples" | grep -cE '^V[0-9]+__.*\.sql$')
    DS_TABLES[examples]="relname IN ('users', 'tasks')"
    DS_ROWSQL[examples]="SELECT count(*) FROM users WHERE email = 'admin@example.com' AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'tasks' AND column_name = 'priority')"
    DS_ROWS[examples]=1
    for s in gen examples; do
        concat "$WORK/$(dirname_of $s)" V -n "$WORK/$s.all_V.sql"
        concat "$WORK/$(dirname_of $s)" U -rn "$WORK/$s.all_undo.sql"
    done
}
dirname_of() { if [[ $1 == gen ]]; then echo "gen$N"; elif [[ $1 == big ]]; then echo "gen$BIG"; else echo examples; fi; }
dir_of() { echo "$WORK/$(dirname_of "$1")"; }

# ---------------------------------------------------------------- checks
user_tables() { q "$1" "SELECT count(*) FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = 'public' AND c.relkind = 'r' AND ${DS_TABLES[$2]}"; }
history_rows() {
    if [[ $(q "$1" "SELECT to_regclass('public.flyway_schema_history') IS NOT NULL") == t ]]; then
        q "$1" "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"
    else echo none; fi
}
expect() { [[ $2 == "$3" ]] || die "check failed after $CASE: $1 is '$2', expected '$3'"; }
# check_up DB SET HISTORY(yes|no)
check_up() {
    local db=$1 s=$2 n=${DS_N[$2]} expected_tables
    expected_tables=$([[ $s == examples ]] && echo 2 || echo "$n")
    expect "user tables" "$(user_tables "$db" "$s")" "$expected_tables"
    expect "checked rows" "$(q "$db" "${DS_ROWSQL[$s]}")" "${DS_ROWS[$s]}"
    if [[ $3 == yes ]]; then expect "history rows" "$(history_rows "$db")" "$n"; else expect "history" "$(history_rows "$db")" none; fi
}
check_down() {
    local db=$1 s=$2
    expect "user tables" "$(user_tables "$db" "$s")" 0
    local h; h=$(history_rows "$db"); [[ $h == none || $h == 0 ]] || die "check failed after $CASE: $h history rows left"
}

# ---------------------------------------------------------------- timing
now_ns() { date +%s%N; }
# timed CMD...: runs it against database $DB, output to $WORK/out and $WORK/err; sets LAST_MS and
# LAST_STMTS (statements it ran in $DB, from pg_stat_statements); aborts when it fails
timed() {
    local t0 t1
    q postgres "SELECT pg_stat_statements_reset()" >/dev/null
    t0=$(now_ns)
    if ! "$@" >"$WORK/out" 2>"$WORK/err"; then
        tail -20 "$WORK/err" >&2; die "$CASE: command failed: $*"
    fi
    t1=$(now_ns)
    LAST_MS=$(( (t1 - t0) / 1000000 ))
    LAST_STMTS=$(q postgres "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$DB'")
}
CLI=(java -jar "$JAR")
# bin/db-migrate: the same jar with an AppCDS archive, the serial GC and C1 only (see that script)
FAST=(env "DB_MIGRATE_JAR=$JAR" "$ROOT/bin/db-migrate")
fast() { local db=$1 dir=$2; shift 2; "${FAST[@]}" "$@" --url "$(url "$db")" --user postgres --locations "filesystem:$dir"; }
ours() { local db=$1 dir=$2; shift 2; "${CLI[@]}" "$@" --url "$(url "$db")" --user postgres --locations "filesystem:$dir"; }
raw() { java -cp "$CP" RawFlyway "$(url "$1")" postgres "$2" ${3:-}; }
psqlfile() { "${PSQL[@]}" -1 -d "$1" -f "$2"; }

# stats "ms ms ms" -> "min median" in seconds
stats() {
    printf '%s\n' $1 | sort -n | awk '{ a[NR] = $1 } END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf "%.3f %.3f\n", a[1] / 1000, m / 1000 }'
}

# One measurement per kind; each echoes nothing, appends to the named times variable.
run_ours_upgrade()   { newdb; timed ours "$DB" "$(dir_of "$1")" upgrade head; check_up "$DB" "$1" yes; dropdb "$DB"; }
run_raw_upgrade()    { newdb; timed raw "$DB" "$(dir_of "$1")" ${2:-}; check_up "$DB" "$1" yes; dropdb "$DB"; }
run_psql_upgrade()   { newdb; timed psqlfile "$DB" "$WORK/$1.all_V.sql"; check_up "$DB" "$1" no; dropdb "$DB"; }
run_ours_downgrade() {
    newdb; ours "$DB" "$(dir_of "$1")" upgrade head >/dev/null 2>"$WORK/err" || die "setup upgrade failed"
    check_up "$DB" "$1" yes
    timed ours "$DB" "$(dir_of "$1")" downgrade base; check_down "$DB" "$1"
    # every generated table held rows when its undo dropped it: each must have been backed up, whole
    [[ $1 != gen ]] || expect "backup tables" \
        "$(q "$DB" "SELECT count(*) FROM pg_tables WHERE schemaname = 'db_migrate_backup' AND tablename <> 'backup_catalog'")" "${DS_N[$1]}"
    [[ $1 != gen ]] || expect "catalogued whole tables of 3 rows" \
        "$(q "$DB" "SELECT count(*) FROM db_migrate_backup.backup_catalog WHERE kind = 'TABLE' AND row_count = 3")" "${DS_N[$1]}"
    dropdb "$DB"
}
run_ours_downgrade_nobackup() {
    newdb; ours "$DB" "$(dir_of "$1")" upgrade head >/dev/null 2>"$WORK/err" || die "setup upgrade failed"
    check_up "$DB" "$1" yes
    timed ours "$DB" "$(dir_of "$1")" downgrade base --no-backup; check_down "$DB" "$1"; dropdb "$DB"
}
run_fast_downgrade_nobackup() {
    newdb; ours "$DB" "$(dir_of "$1")" upgrade head >/dev/null 2>"$WORK/err" || die "setup upgrade failed"
    check_up "$DB" "$1" yes
    timed fast "$DB" "$(dir_of "$1")" downgrade base --no-backup; check_down "$DB" "$1"; dropdb "$DB"
}
run_psql_downgrade() {
    newdb; psqlfile "$DB" "$WORK/$1.all_V.sql" >/dev/null || die "setup psql failed"; check_up "$DB" "$1" no
    timed psqlfile "$DB" "$WORK/$1.all_undo.sql"; check_down "$DB" "$1"; dropdb "$DB"
}

# measure NAME "FUNCTION ARGS" [NAME "FUNCTION ARGS"]...: RUNS runs of each, interleaved (A B A B ...)
# so that load drifting on a shared machine hits every contender alike; "min median" in RES[NAME].
declare -A RES STMTS
measure() {
    local -a names=() cmds=()
    local -A times=()
    local i k
    while (($#)); do names+=("$1"); cmds+=("$2"); shift 2; done
    for ((i = 1; i <= RUNS; i++)); do
        for k in "${!names[@]}"; do
            CASE=${names[$k]}
            ${cmds[$k]}
            times[$k]+="$LAST_MS "
            STMTS[${names[$k]}]=$LAST_STMTS
        done
    done
    for k in "${!names[@]}"; do
        RES[${names[$k]}]=$(stats "${times[$k]}")
        log "$(printf '%-28s runs(ms): %-20s min/median(s): %s' "${names[$k]}" "${times[$k]}" "${RES[${names[$k]}]}")  statements: ${STMTS[${names[$k]}]}"
    done
}

# ---------------------------------------------------------------- machine
PGVER=$(q postgres "SHOW server_version")
JVER=$(java -version 2>&1 | head -1)
MACHINE="nproc $(nproc), $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo), $(free -g | awk '/Mem:/ { print $2 }') GB RAM; $JVER ($(java -version 2>&1 | sed -n 2p)); PostgreSQL $PGVER (embedded, zonky); psql $(psql --version | awk '{ print $3 }')"
if [[ -n ${BENCH_MAX_LOAD:-} ]]; then   # e.g. BENCH_MAX_LOAD=1.5: wait (up to 10 min) for a quieter machine
    for _ in $(seq 1 60); do
        awk -v m="$BENCH_MAX_LOAD" '{ exit !($1 <= m) }' /proc/loadavg && break
        log "load $(cut -d' ' -f1 /proc/loadavg) > $BENCH_MAX_LOAD, waiting"; sleep 10
    done
fi
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $MACHINE; load average at start: $LOAD_START"
COMMIT=$(git -C "$ROOT" log -1 --format='%h %s' 2>/dev/null || echo unknown)

setup_sets
log "generated $N migrations in $WORK/gen$N; examples set has ${DS_N[examples]}"

# ---------------------------------------------------------------- cases
for s in gen examples; do
    n=${DS_N[$s]}
    measure "upgrade/ours/$s" "run_ours_upgrade $s" "upgrade/flyway/$s" "run_raw_upgrade $s" \
            "upgrade/psql/$s" "run_psql_upgrade $s"
    newdb; fast "$DB" "$(dir_of "$s")" current >/dev/null 2>&1; dropdb "$DB" # bin/db-migrate's archive, untimed
    measure "downgrade/ours/$s" "run_ours_downgrade $s" "downgrade/nobackup/$s" "run_ours_downgrade_nobackup $s" \
            "downgrade/fast/$s" "run_fast_downgrade_nobackup $s" "downgrade/psql/$s" "run_psql_downgrade $s"

    # current: read-only, so one database at head serves every run
    newdb; CUR_DB=$DB
    ours "$CUR_DB" "$(dir_of "$s")" upgrade head >/dev/null 2>"$WORK/err" || die "setup for current failed"
    check_up "$CUR_DB" "$s" yes
    run_ours_current() {
        DB=$CUR_DB; timed ours "$CUR_DB" "$(dir_of "$s")" current
        grep -q "At revision $n; up to date" "$WORK/out" || die "current printed: $(cat "$WORK/out")"
    }
    run_fast_current() {
        DB=$CUR_DB; timed fast "$CUR_DB" "$(dir_of "$s")" current
        grep -q "At revision $n; up to date" "$WORK/out" || die "current printed: $(cat "$WORK/out")"
    }
    fast "$CUR_DB" "$(dir_of "$s")" current >/dev/null 2>&1 || die "bin/db-migrate failed" # creates the archive, untimed
    run_psql_current() {
        DB=$CUR_DB; timed q "$CUR_DB" "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1"
        expect "psql current" "$(cat "$WORK/out")" "$n"
    }
    measure "current/ours/$s" run_ours_current "current/fast/$s" run_fast_current "current/psql/$s" run_psql_current
    dropdb "$CUR_DB"
done

# Flyway's group mode (all pending in one transaction), measured once (RUNS runs), for reference
measure "upgrade/flyway-group/gen" "run_raw_upgrade gen --group"

# info on a big set, and its heap
HEAP_NOTE="skipped"
if [[ ${BENCH_SKIP_INFO:-0} != 1 ]]; then
    gen "$WORK/gen$BIG" "$BIG"
    DS_N[big]=$BIG
    DS_TABLES[big]="relname ~ '^t[0-9]+\$'"
    DS_ROWSQL[big]="SELECT count(*) FROM t$BIG WHERE created_at IS NOT NULL AND parent_id IS NOT NULL"
    DS_ROWS[big]=3
    CASE="info setup"
    newdb; INFO_DB=$DB
    # Setup, untimed. Flyway itself needs minutes for 5000 migrations here, so: psql runs the V scripts
    # (500 per transaction; one transaction for all 5000 is much slower in PostgreSQL), then
    # SeedHistory writes the history rows with Flyway's own checksums and has Flyway validate them.
    log "applying $BIG migrations for info (psql + SeedHistory, untimed)"
    t0=$(now_ns)
    (cd "$(dir_of big)" && ls | grep -E '^V[0-9]+__.*\.sql$' | sed -E 's/^V([0-9]+)__.*/\1 &/' | sort -n -k1,1 |
        cut -d' ' -f2 | awk '{ if (NR % 500 == 1) { if (NR > 1) print "COMMIT;"; print "BEGIN;" }
                                while ((getline line < $0) > 0) print line; close($0) } END { print "COMMIT;" }') >"$WORK/big.all_V.sql"
    "${PSQL[@]}" -d "$INFO_DB" -f "$WORK/big.all_V.sql" >/dev/null || die "setup for info: psql failed"
    java -cp "$CP" SeedHistory "$(url "$INFO_DB")" postgres "$(dir_of big)" 2>"$WORK/err" || { tail "$WORK/err" >&2; die "setup for info failed"; }
    log "  took $(( ($(now_ns) - t0) / 1000000 )) ms"
    check_up "$INFO_DB" big yes
    run_ours_info() {
        DB=$INFO_DB; timed ours "$INFO_DB" "$(dir_of big)" info
        expect "info lines" "$(grep -cE '^[0-9]+ +create t[0-9]+ +Success .* yes$' "$WORK/out")" "$BIG"
        grep -q "^$BIG migration(s); at revision $BIG, 0 pending" "$WORK/out" || die "info printed: $(tail -1 "$WORK/out")"
    }
    run_fast_info() {
        DB=$INFO_DB; timed fast "$INFO_DB" "$(dir_of big)" info
        grep -q "^$BIG migration(s); at revision $BIG, 0 pending" "$WORK/out" || die "info printed: $(tail -1 "$WORK/out")"
    }
    run_psql_info() {
        DB=$INFO_DB; timed q "$INFO_DB" "SELECT version, description, installed_on, success FROM flyway_schema_history ORDER BY installed_rank"
        expect "psql info rows" "$(wc -l <"$WORK/out")" "$BIG"
    }
    measure "info/ours/big" run_ours_info "info/fast/big" run_fast_info "info/psql/big" run_psql_info

    # heap: the same command under -Xmx256m with the serial collector, every GC logged
    CASE="info heap"
    CLI=(java -Xmx256m -XX:+UseSerialGC "-Xlog:gc,gc+heap+exit:file=$WORK/gc.log" -jar "$JAR")
    run_ours_info
    HEAP_MS=$LAST_MS
    CLI=(java -jar "$JAR")
    # lines like: [..][info][gc] GC(3) Pause Young (Allocation Failure) 68M->12M(247M) 9.1ms
    # lines like: [..][info][gc] GC(3) Pause Young (Allocation Failure) 68M->12M(247M) 9.1ms
    read -r GCS PEAK_BEFORE PEAK_AFTER < <(grep -oE '[0-9]+M->[0-9]+M\([0-9]+M\)' "$WORK/gc.log" |
        awk -F'[M>(-]+' '{ n++; if ($1 > b) b = $1; if ($2 > a) a = $2 } END { printf "%d %d %d\n", n, b, a }')
    # and at exit: "def new generation total 78656K, used 41230K", "tenured generation total ..., used ...K"
    AT_EXIT=$(grep -E 'generation +total' "$WORK/gc.log" | grep -oE 'used [0-9]+K' |
        awk '{ sub(/K/, "", $2); kb += $2 } END { printf "%d", kb / 1024 }')
    PEAK=$(( PEAK_BEFORE > AT_EXIT ? PEAK_BEFORE : AT_EXIT ))
    HEAP_NOTE="ran OK with -Xmx256m -XX:+UseSerialGC in ${HEAP_MS} ms; $GCS GCs; peak heap used ${PEAK} MB (max before a GC ${PEAK_BEFORE} MB, at exit ${AT_EXIT} MB); max live after a GC ${PEAK_AFTER} MB"
    log "heap: $HEAP_NOTE"
    dropdb "$INFO_DB"
fi

# ---------------------------------------------------------------- report
row() { # case n ours-key base-key base-label target-text target-check(awk expr on r, om)
    local c=$1 n=$2 ok=$3 bk=$4 bl=$5 tt=$6 tc=$7
    read -r omin omed <<<"${RES[$ok]}"
    if [[ -n $bk ]]; then read -r bmin bmed <<<"${RES[$bk]}"; else bmin=-; bmed=-; fi
    awk -v c="$c" -v n="$n" -v omin="$omin" -v omed="$omed" -v bl="$bl" -v bmin="$bmin" -v bmed="$bmed" -v tt="$tt" \
        -v os="${STMTS[$ok]}" -v bs="${bk:+${STMTS[$bk]}}" '
        BEGIN {
            r = (bmed != "-" && bmed > 0) ? omed / bmed : -1
            rs = (r < 0) ? "-" : sprintf("%.2f×", r)
            verdict = "-"
            if (tt != "-") { verdict = ('"$tc"') ? "met" : "MISSED" }
            printf "| %s | %s | %s / %s | %s | %s / %s | %s | %s / %s | %s | %s |\n", c, n, omin, omed, bl, bmin, bmed, rs, os, (bs == "" ? "-" : bs), tt, verdict
        }'
}
{
    echo "# db-migrate benchmark"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $COMMIT"
    echo "- machine: $MACHINE"
    echo "- load average (1/5/15 min) at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes timings noisy)"
    echo "- whole commands, JVM start included; fresh database per run (read-only cases: one database at head); statements = calls in that database per pg_stat_statements; $RUNS runs of each contender, interleaved; seconds"
    echo
    echo "| case | N | ours min / median | baseline | base min / median | ours/base (median) | statements ours / base | target | verdict |"
    echo "|---|---|---|---|---|---|---|---|---|"
    row "upgrade head" "$N" upgrade/ours/gen upgrade/flyway/gen "Flyway migrate()" "≤ 1.05× Flyway" "r <= 1.05"
    row "upgrade head" "$N" upgrade/ours/gen upgrade/psql/gen "psql -1 V scripts (floor)" - 1
    row "downgrade base, backups on" "$N" downgrade/ours/gen downgrade/psql/gen "psql -1 U scripts" "≤ 5× psql" "r <= 5"
    row "downgrade base --no-backup" "$N" downgrade/nobackup/gen downgrade/psql/gen "psql -1 U scripts" "≤ 2× psql" "r <= 2"
    row "downgrade base --no-backup, bin/db-migrate" "$N" downgrade/fast/gen downgrade/psql/gen "psql -1 U scripts" "≤ 2× psql" "r <= 2"
    row "current" "$N" current/ours/gen current/psql/gen "psql SELECT" "≤ 0.8 s" "omed <= 0.8"
    row "current, bin/db-migrate" "$N" current/fast/gen current/psql/gen "psql SELECT" "≤ 0.8 s" "omed <= 0.8"
    if [[ ${BENCH_SKIP_INFO:-0} != 1 ]]; then
        row "info" "$BIG" info/ours/big info/psql/big "psql SELECT history" "≤ 2 s" "omed <= 2"
        row "info, bin/db-migrate" "$BIG" info/fast/big info/psql/big "psql SELECT history" "≤ 2 s" "omed <= 2"
    fi
    row "upgrade head (examples)" "${DS_N[examples]}" upgrade/ours/examples upgrade/flyway/examples "Flyway migrate()" - 1
    row "upgrade head (examples)" "${DS_N[examples]}" upgrade/ours/examples upgrade/psql/examples "psql -1 V scripts" - 1
    row "downgrade base (examples)" "${DS_N[examples]}" downgrade/ours/examples downgrade/psql/examples "psql -1 U scripts" - 1
    row "current (examples)" "${DS_N[examples]}" current/ours/examples current/psql/examples "psql SELECT" "≤ 0.8 s" "omed <= 0.8"
    row "current (examples), bin/db-migrate" "${DS_N[examples]}" current/fast/examples current/psql/examples "psql SELECT" "≤ 0.8 s" "omed <= 0.8"
    echo
    read -r gmin gmed <<<"${RES[upgrade/flyway-group/gen]}"
    read -r fmin fmed <<<"${RES[upgrade/flyway/gen]}"
    echo "- Flyway group(true) migrate, N=$N: min $gmin s / median $gmed s (default mode median $fmed s)"
    if [[ ${BENCH_SKIP_INFO:-0} != 1 ]]; then
        HEAP_OK=$([[ ${PEAK:-999} -le 256 ]] && echo met || echo MISSED)
        echo "- heap, info at $BIG (target ≤ 256 MB, $HEAP_OK): $HEAP_NOTE"
    fi
} | tee "$RESULTS/latest.md"
log "written to $RESULTS/latest.md"
