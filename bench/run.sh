#!/usr/bin/env bash
# bench/run.sh [N] — end-to-end timings of the db-migrate CLI against its floors (issues 7 and 13).
#
# In one run: starts a throw-away PostgreSQL from the embedded binaries inside cli/target/db-migrate.jar
# (bench/src/BenchServer.java), once per server setting in BENCH_FSYNC (default "off on": fsync off, where fixed
# costs show, then fsync on), generates N (default 500) migrations with exact undo scripts plus a second set of
# BENCH_INFO_N (default 5000) for `info`, and times WHOLE commands (JVM start included), each on a fresh database
# (CREATE DATABASE per run), BENCH_RUNS (default 3) runs, min and median of wall time, median CPU time (user+sys):
#   upgrade head    vs raw Flyway migrate() (bench/src/RawFlyway.java) on the same files, as shipped and with the
#                   session-level advisory lock db-migrate configures (--session-lock),
#                   and psql -1 applying the V scripts (the floor);
#   downgrade base  vs psql -1 running the same U scripts newest first (with and without backups, java -jar and
#                   bin/db-migrate);
#   current         vs the JVM floor (bench/src/Floor.java: one JDBC connection, one query, only the driver on the
#                   class path) and one psql query on the history table;
#   info (N=5000)   against the absolute target, plus peak heap from a GC log under -Xmx256m
#                   (that database is set up by psql + bench/src/SeedHistory.java: Flyway needs minutes), with the
#                   first setting only (read-only: fsync changes nothing but the set-up);
#   and, for reference, raw Flyway with group(true).
# With the first setting it also: breaks down one run of each command (JVM start, class loading, connect, catalog,
# work; bench/breakdown.py, from the JVM's counters and a JFR recording of a second run), and, where a JDK 25 is
# found (BENCH_JAVA25, default /usr/lib/jvm/temurin-25-jdk-amd64), times `current` and `downgrade --no-backup`
# through bin/db-migrate on JDK 17 with its class-data archive, on JDK 25 with one, and on JDK 25 with its AOT cache
# (-XX:AOTCache, JEP 483/514).
# The repository's examples/migrations set (5 migrations) is run as a second data set. Contenders run
# interleaved (A B A B ...), and each timed step also reports how many statements it sent to its
# database (pg_stat_statements), which does not depend on how busy the machine is.
# Every timed step is followed by a check of its result (tables, history rows, rows in a table, what the command
# printed); a mismatch aborts the run. Each target of issue 13 is reported as a ratio with PASS or MISS. Results
# are printed and written to bench/results/latest.md.
#
# Needs: a JDK 17+ (java, javac, jfr, jstat), psql (installed with apt-get when missing), and the cli jar (built
# with `mvn -B -q package -DskipTests` when missing; never `mvn install`).
# Environment: BENCH_RUNS (3), BENCH_INFO_N (5000), BENCH_SKIP_INFO=1 to skip the big set, BENCH_FSYNC ("off on"),
#              BENCH_SKIP_EXAMPLES=1, BENCH_SKIP_BREAKDOWN=1, BENCH_SKIP_JAVA25=1,
#              BENCH_QUICK=1 for iteration (~2-3 min: N defaults to 100, 1 run, fsync off only, no info, no examples,
#              no group mode, no JDK 25),
#              BENCH_KEEP=1 to keep the temp dir, BENCH_MAX_LOAD=1.5 to wait (up to 10 min) for a quieter
#              machine before starting. The full run takes 15-20 minutes on 2 busy cores.
set -euo pipefail

QUICK=${BENCH_QUICK:-0}
if [[ $QUICK == 1 ]]; then
    N=${1:-100}; RUNS=${BENCH_RUNS:-1}; SKIP_INFO=${BENCH_SKIP_INFO:-1}; SKIP_EXAMPLES=${BENCH_SKIP_EXAMPLES:-1}
    : "${BENCH_FSYNC:=off}" "${BENCH_SKIP_JAVA25:=1}"
else
    N=${1:-500}; RUNS=${BENCH_RUNS:-3}; SKIP_INFO=${BENCH_SKIP_INFO:-0}; SKIP_EXAMPLES=${BENCH_SKIP_EXAMPLES:-0}
fi
BIG=${BENCH_INFO_N:-5000}
read -r -a FSYNCS <<<"${BENCH_FSYNC:-off on}"
J25=${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64}
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
# the JVM floor runs with the PostgreSQL driver alone on its class path (the cli jar's copy when Maven's is missing)
PGJDBC_VERSION=$(sed -n 's:.*<postgresql.version>\(.*\)</postgresql.version>.*:\1:p' "$ROOT/pom.xml")
PGJDBC=~/.m2/repository/org/postgresql/postgresql/$PGJDBC_VERSION/postgresql-$PGJDBC_VERSION.jar
[[ -f $PGJDBC ]] || PGJDBC=$JAR
mkdir -p "$WORK/floor"
javac -nowarn -d "$WORK/floor" "$ROOT/bench/src/Floor.java" || die "javac Floor failed"

# ---------------------------------------------------------------- server
SERVER_PID=""
stop_server() {
    if [[ -n $SERVER_PID ]]; then
        log "stopping PostgreSQL"
        # BenchServer stops the server when its stdin closes (braces: a bare `exec 2>/dev/null` would keep stderr
        # there for the rest of the run)
        { exec {SRV_IN}>&- {SRV_OUT}<&-; } 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
        if kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID" 2>/dev/null || true; fi
        SERVER_PID=""
    fi
}
cleanup() {
    local rc=$?
    stop_server
    if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start_server FSYNC: a fresh server with fsync on or off; sets PORT
start_server() {
    rm -f "$WORK/server.in" "$WORK/server.out"
    mkfifo "$WORK/server.in" "$WORK/server.out"
    # pg_stat_statements: every timed step also reports how many statements it sent (load-independent)
    java -cp "$CP" BenchServer "fsync=$1" shared_preload_libraries=pg_stat_statements pg_stat_statements.max=20000 \
        <"$WORK/server.in" >"$WORK/server.out" 2>"$WORK/server.log" &
    SERVER_PID=$!
    exec {SRV_IN}>"$WORK/server.in"
    exec {SRV_OUT}<"$WORK/server.out"
    read -r -t 180 PORT <&"$SRV_OUT" || { cat "$WORK/server.log" >&2; die "embedded PostgreSQL did not start"; }
    [[ $PORT =~ ^[0-9]+$ ]] || die "bad port '$PORT'"
    PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h localhost -p "$PORT" -U postgres)
    [[ $(q postgres "SHOW fsync") == "$1" ]] || die "the server did not take fsync=$1"
    q postgres "CREATE EXTENSION pg_stat_statements" >/dev/null
    log "PostgreSQL on port $PORT, fsync=$1"
}

q() { "${PSQL[@]}" -At -d "$1" -c "$2"; }   # q DB SQL
url() { echo "jdbc:postgresql://localhost:$PORT/$1"; }

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
# timed CMD...: runs it against database $DB, output to $WORK/out and $WORK/err; sets LAST_MS, LAST_CPU_MS (user +
# sys of the command's own processes, from bash's `times`, not the server's) and LAST_STMTS (statements it ran in $DB,
# from pg_stat_statements); aborts when it fails
timed() {
    local t0 t1
    q postgres "SELECT pg_stat_statements_reset()" >/dev/null
    t0=$(now_ns)
    # in a subshell, whose `times` second line is the CPU time of the processes it waited for: the command's
    if ! ( "$@" >"$WORK/out" 2>"$WORK/err" || exit; times >"$WORK/cpu" ); then
        tail -20 "$WORK/err" >&2; die "$CASE: command failed: $*"
    fi
    t1=$(now_ns)
    LAST_MS=$(( (t1 - t0) / 1000000 ))
    LAST_CPU_MS=$(sed -n 2p "$WORK/cpu" | awk '{ for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] } printf "%d", t * 1000 }')
    LAST_STMTS=$(q postgres "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '$DB'")
}
CLI=(java -jar "$JAR")
# bin/db-migrate: the same jar with an AppCDS archive, the serial GC and C1 only (see that script)
FAST=(env "DB_MIGRATE_JAR=$JAR" "$ROOT/bin/db-migrate")
fast() { local db=$1 dir=$2; shift 2; "${FAST[@]}" "$@" --url "$(url "$db")" --user postgres --locations "filesystem:$dir"; }
ours() { local db=$1 dir=$2; shift 2; "${CLI[@]}" "$@" --url "$(url "$db")" --user postgres --locations "filesystem:$dir"; }
fast_nocds() { local db=$1 dir=$2; shift 2; java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" "$@" --url "$(url "$db")" --user postgres --locations "filesystem:$dir"; }
raw() { java -cp "$CP" RawFlyway "$(url "$1")" postgres "$2" ${3:-}; }
floor() { java -cp "$PGJDBC:$WORK/floor" Floor "$(url "$1")" postgres; }
psqlfile() { "${PSQL[@]}" -1 -d "$1" -f "$2"; }

# stats "ms ms ms" -> "min median" in seconds
stats() {
    printf '%s\n' $1 | sort -n | awk '{ a[NR] = $1 } END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf "%.3f %.3f\n", a[1] / 1000, m / 1000 }'
}
# median "ms ms ms" -> median in seconds, or "-"
median() {
    [[ $1 != *-* ]] || { echo -; return; }
    printf '%s\n' $1 | sort -n | awk '{ a[NR] = $1 } END {
        m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
        printf "%.3f\n", m / 1000 }'
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
    # the undo scripts' own time, as the CLI reports each step ("[3/500] U498__x.sql … 4 ms"): the execution alone
    STEPS_MS[$SET/$1]+="$(grep -oE '… [0-9]+ ms$' "$WORK/err" | awk '{ s += $2 } END { printf "%d", s }') "
}
declare -A STEPS_MS
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
# so that load drifting on a shared machine hits every contender alike; "min median" in RES[$SET/NAME], the median
# CPU time in CPU[$SET/NAME], statements in STMTS[$SET/NAME] ($SET: the server setting, fsync=off or fsync=on).
declare -A RES STMTS CPU
measure() {
    local -a names=() cmds=()
    local -A times=() cpus=()
    local i k
    while (($#)); do names+=("$1"); cmds+=("$2"); shift 2; done
    for ((i = 1; i <= RUNS; i++)); do
        for k in "${!names[@]}"; do
            CASE="$SET ${names[$k]}"
            ${cmds[$k]}
            times[$k]+="$LAST_MS "
            cpus[$k]+="$LAST_CPU_MS "
            STMTS[$SET/${names[$k]}]=$LAST_STMTS
        done
    done
    for k in "${!names[@]}"; do
        RES[$SET/${names[$k]}]=$(stats "${times[$k]}")
        CPU[$SET/${names[$k]}]=$(median "${cpus[$k]}")
        log "$(printf '%-10s %-30s runs(ms): %-20s min/median(s): %s  cpu median(s): %s' "$SET" "${names[$k]}" "${times[$k]}" "${RES[$SET/${names[$k]}]}" "${CPU[$SET/${names[$k]}]}")  statements: ${STMTS[$SET/${names[$k]}]}"
    done
}

# ---------------------------------------------------------------- machine
JVER=$(java -version 2>&1 | head -1)
J17_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
MACHINE="nproc $(nproc), $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo), $(free -g | awk '/Mem:/ { print $2 }') GB RAM; $JVER ($(java -version 2>&1 | sed -n 2p)); psql $(psql --version | awk '{ print $3 }')"
if [[ -n ${BENCH_MAX_LOAD:-} ]]; then   # e.g. BENCH_MAX_LOAD=1.5: wait (up to 10 min) for a quieter machine
    for _ in $(seq 1 60); do
        awk -v m="$BENCH_MAX_LOAD" '{ exit !($1 <= m) }' /proc/loadavg && break
        log "load $(cut -d' ' -f1 /proc/loadavg) > $BENCH_MAX_LOAD, waiting"; sleep 10
    done
fi
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log "machine: $MACHINE; load average at start: $LOAD_START"
COMMIT=$(git -C "$ROOT" log -1 --format='%h %s' 2>/dev/null || echo unknown)
[[ -z $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]] || COMMIT="$COMMIT (with uncommitted changes)"

setup_sets
SETS=(gen); [[ $SKIP_EXAMPLES == 1 ]] || SETS+=(examples)
log "generated $N migrations in $WORK/gen$N; examples set has ${DS_N[examples]}"

# ---------------------------------------------------------------- breakdown
# breakdown LABEL SETUP CHECK JFRCMD CMD ARGS...: one plain run of CMD ARGS (its JVM counters saved at exit) and one
# of JFRCMD ARGS under JFR, each after SETUP and followed by CHECK; appends a row to $WORK/breakdown.md
# (bench/breakdown.py). JFRCMD is CMD but for the launcher: JDK 17 crashes with JFR and a dynamic CDS archive, so its
# JFR run takes the launcher's settings without the archive (fast_nocds).
breakdown() {
    local label=$1 setup=$2 check=$3 jfrcmd=$4 t0 t1
    shift 4
    CASE="breakdown $label"
    $setup
    t0=$(date +%s%3N)
    JAVA_TOOL_OPTIONS="-XX:+UsePerfData -XX:+PerfDataSaveToFile -XX:PerfDataSaveFile=$WORK/bd.hsperf" \
        "$@" >"$WORK/out" 2>"$WORK/err" || { tail "$WORK/err" >&2; die "$CASE failed"; }
    t1=$(date +%s%3N)
    $check
    $setup
    JAVA_TOOL_OPTIONS="-XX:StartFlightRecording=settings=profile,filename=$WORK/bd.jfr -Xlog:jfr+startup=off" \
        $jfrcmd "${@:2}" >"$WORK/out" 2>"$WORK/err" || { tail "$WORK/err" >&2; die "$CASE (JFR) failed"; }
    $check
    jstat -J-Djstat.showUnsupported=true -snap "file://$WORK/bd.hsperf" >"$WORK/bd.snap" || die "jstat failed"
    python3 "$ROOT/bench/breakdown.py" "$label" $((t1 - t0)) "$t0" "$WORK/bd.snap" "$WORK/bd.jfr" >>"$WORK/breakdown.md" \
        || die "breakdown.py failed"
    rm -f "$WORK/bd.hsperf" "$WORK/bd.jfr"
}

# ---------------------------------------------------------------- launchers on JDK 17 and 25
# bin/db-migrate on other JDKs (JAVA_HOME): on JDK 17 with its class-data archive, on JDK 25 with the same kind of
# archive (DB_MIGRATE_AOT=0) and with its AOT cache (the default there); each beside its own copy of the jar, since an
# archive belongs to one JDK build. BENCH_OLD_LAUNCHER=FILE adds an older bin/db-migrate on JDK 17, for before/after.
HAVE_J25=0
if [[ ${BENCH_SKIP_JAVA25:-0} != 1 && -x $J25/bin/java ]] &&
    "$J25/bin/java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput; then
    HAVE_J25=1
    J25VER=$("$J25/bin/java" -version 2>&1 | head -1)
    for k in j17 j17old j25 j25aot; do mkdir -p "$WORK/$k"; cp "$JAR" "$WORK/$k/db-migrate.jar"; done
    OLD_LAUNCHER=${BENCH_OLD_LAUNCHER:-}
    [[ -z $OLD_LAUNCHER ]] || { cp "$OLD_LAUNCHER" "$WORK/j17old/db-migrate" && chmod +x "$WORK/j17old/db-migrate"; } || die "no $OLD_LAUNCHER"
fi
via() { # via KIND DB DIR ARGS...: the command through bin/db-migrate as KIND (j17, j17old, j25, j25aot)
    local kind=$1 db=$2 dir=$3; shift 3
    local -a conn=(--url "$(url "$db")" --user postgres --locations "filesystem:$dir")
    case $kind in
        j17) env "JAVA_HOME=$J17_HOME" "DB_MIGRATE_JAR=$WORK/j17/db-migrate.jar" "$ROOT/bin/db-migrate" "$@" "${conn[@]}" ;;
        j17old) env "JAVA_HOME=$J17_HOME" "PATH=$J17_HOME/bin:$PATH" "DB_MIGRATE_JAR=$WORK/j17old/db-migrate.jar" \
                    "$WORK/j17old/db-migrate" "$@" "${conn[@]}" ;;
        j25) env "JAVA_HOME=$J25" DB_MIGRATE_AOT=0 "DB_MIGRATE_JAR=$WORK/j25/db-migrate.jar" "$ROOT/bin/db-migrate" "$@" "${conn[@]}" ;;
        j25aot) env "JAVA_HOME=$J25" "DB_MIGRATE_JAR=$WORK/j25aot/db-migrate.jar" "$ROOT/bin/db-migrate" "$@" "${conn[@]}" ;;
    esac
}
LAUNCHERS=(j17 j25 j25aot)
train_launchers() { # untimed: each launcher's archives or caches (one per action), from one run of CMD on database $1
    local db=$1 dir=$2 k; shift 2
    [[ -z ${OLD_LAUNCHER:-} ]] || LAUNCHERS=(j17old j17 j25 j25aot)
    for k in "${LAUNCHERS[@]}"; do
        via "$k" "$db" "$dir" "$@" >/dev/null 2>"$WORK/err" || { tail "$WORK/err" >&2; die "training launcher $k failed"; }
        train_downgrade gen via "$k"
    done
    [[ -s $WORK/j25aot/db-migrate-$1.aot && -s $WORK/j25/db-migrate-$1.jsa && -s $WORK/j25/db-migrate-downgrade.jsa ]] ||
        die "no AOT cache or archive was written"
}
# untimed: LAUNCHER... (fast, or via KIND) downgrades set $1 once, so that its archive for downgrade exists
train_downgrade() {
    local s=$1; shift
    newdb; ours "$DB" "$(dir_of "$s")" upgrade head >/dev/null 2>"$WORK/err" || die "setup upgrade failed"
    "$@" "$DB" "$(dir_of "$s")" downgrade base --no-backup >/dev/null 2>"$WORK/err" ||
        { tail "$WORK/err" >&2; die "training $* for downgrade failed"; }
    dropdb "$DB"
}

# ---------------------------------------------------------------- cases
run_setting() {
    local s n
    for s in "${SETS[@]}"; do
        n=${DS_N[$s]}
        # raw Flyway twice: as shipped (the target's anchor), and with the session-level advisory lock that db-migrate
        # configures (so CREATE INDEX CONCURRENTLY cannot wait on Flyway's idle transaction), to show that lock's share
        measure "upgrade/ours/$s" "run_ours_upgrade $s" "upgrade/flyway/$s" "run_raw_upgrade $s" \
                "upgrade/flyway-sess/$s" "run_raw_upgrade $s --session-lock" "upgrade/psql/$s" "run_psql_upgrade $s"
        train_downgrade "$s" fast # bin/db-migrate's archive for downgrade, untimed
        measure "downgrade/ours/$s" "run_ours_downgrade $s" "downgrade/nobackup/$s" "run_ours_downgrade_nobackup $s" \
                "downgrade/fast/$s" "run_fast_downgrade_nobackup $s" "downgrade/psql/$s" "run_psql_downgrade $s"

        # current: read-only, so one database at head serves every run
        newdb; CUR_DB=$DB; CUR_SET=$s; CUR_N=$n
        ours "$CUR_DB" "$(dir_of "$s")" upgrade head >/dev/null 2>"$WORK/err" || die "setup for current failed"
        check_up "$CUR_DB" "$s" yes
        fast "$CUR_DB" "$(dir_of "$s")" current >/dev/null 2>&1 || die "bin/db-migrate failed" # creates the archive, untimed
        measure "current/ours/$s" run_ours_current "current/fast/$s" run_fast_current \
                "current/floor/$s" run_floor_current "current/psql/$s" run_psql_current
        if [[ $FIRST == 1 && $s == gen && ${BENCH_SKIP_BREAKDOWN:-0} != 1 ]]; then
            log "breakdown of one run per command (plain run + JFR run)"
            breakdown "current, java -jar" : check_current ours ours "$CUR_DB" "$(dir_of gen)" current
            breakdown "current, bin/db-migrate" : check_current fast_nocds fast "$CUR_DB" "$(dir_of gen)" current
            breakdown "JVM floor (Floor.java)" : check_floor floor floor "$CUR_DB"
            breakdown "downgrade base --no-backup, java -jar" setup_down check_down_db down_nobackup down_nobackup
            breakdown "upgrade head, java -jar" setup_up check_up_db up_ours up_ours
        fi
        if [[ $FIRST == 1 && $s == gen && $HAVE_J25 == 1 ]]; then
            log "launchers on JDK 17 and 25 (untimed training first)"
            train_launchers "$CUR_DB" "$(dir_of gen)" current
            local -a cur=() down=()
            for k in "${LAUNCHERS[@]}"; do
                cur+=("current/launcher-$k/gen" "run_via_current $k"); down+=("downgrade/launcher-$k/gen" "run_via_downgrade $k")
            done
            measure "${cur[@]}" "current/floor-j17/gen" run_floor_current
            measure "${down[@]}"
        fi
        dropdb "$CUR_DB"
    done
}
check_current() { grep -q "At revision $CUR_N; up to date" "$WORK/out" || die "$CASE: current printed: $(cat "$WORK/out")"; }
check_floor() { expect "floor's answer" "$(cat "$WORK/out")" "$CUR_N"; }
run_ours_current() { DB=$CUR_DB; timed ours "$CUR_DB" "$(dir_of "$CUR_SET")" current; check_current; }
run_fast_current() { DB=$CUR_DB; timed fast "$CUR_DB" "$(dir_of "$CUR_SET")" current; check_current; }
run_floor_current() { DB=$CUR_DB; timed floor "$CUR_DB"; check_floor; }
run_psql_current() {
    DB=$CUR_DB; timed q "$CUR_DB" "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1"
    expect "psql current" "$(cat "$WORK/out")" "$CUR_N"
}
run_via_current() { DB=$CUR_DB; timed via "$1" "$CUR_DB" "$(dir_of gen)" current; check_current; }
run_via_downgrade() {
    setup_down
    timed via "$1" "$DB" "$(dir_of gen)" downgrade base --no-backup; check_down "$DB" gen; dropdb "$DB"
}
# for the breakdown: the database is made by SETUP, checked and dropped by CHECK
setup_down() {
    newdb; ours "$DB" "$(dir_of gen)" upgrade head >/dev/null 2>"$WORK/err" || die "setup upgrade failed"
    check_up "$DB" gen yes
}
down_nobackup() { ours "$DB" "$(dir_of gen)" downgrade base --no-backup; }
check_down_db() { check_down "$DB" gen; dropdb "$DB"; }
setup_up() { newdb; }
up_ours() { ours "$DB" "$(dir_of gen)" upgrade head; }
check_up_db() { check_up "$DB" gen yes; dropdb "$DB"; }

# info on a big set, and its heap
HEAP_NOTE="skipped"
run_info() {
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
    local t0; t0=$(now_ns)
    (cd "$(dir_of big)" && ls | grep -E '^V[0-9]+__.*\.sql$' | sed -E 's/^V([0-9]+)__.*/\1 &/' | sort -n -k1,1 |
        cut -d' ' -f2 | awk '{ if (NR % 500 == 1) { if (NR > 1) print "COMMIT;"; print "BEGIN;" }
                                while ((getline line < $0) > 0) print line; close($0) } END { print "COMMIT;" }') >"$WORK/big.all_V.sql"
    "${PSQL[@]}" -d "$INFO_DB" -f "$WORK/big.all_V.sql" >/dev/null || die "setup for info: psql failed"
    java -cp "$CP" SeedHistory "$(url "$INFO_DB")" postgres "$(dir_of big)" 2>"$WORK/err" || { tail "$WORK/err" >&2; die "setup for info failed"; }
    log "  took $(( ($(now_ns) - t0) / 1000000 )) ms"
    check_up "$INFO_DB" big yes
    fast "$INFO_DB" "$(dir_of big)" info >/dev/null 2>&1 || die "bin/db-migrate info failed" # untimed: its archive
    measure "info/ours/big" run_ours_info "info/fast/big" run_fast_info "info/psql/big" run_psql_info
    [[ ${BENCH_SKIP_BREAKDOWN:-0} == 1 ]] || breakdown "info at $BIG, bin/db-migrate" : check_info_fast fast_nocds fast "$INFO_DB" "$(dir_of big)" info

    # heap: the same command under -Xmx256m with the serial collector, every GC logged
    CASE="info heap"
    CLI=(java -Xmx256m -XX:+UseSerialGC "-Xlog:gc,gc+heap+exit:file=$WORK/gc.log" -jar "$JAR")
    run_ours_info
    HEAP_MS=$LAST_MS
    CLI=(java -jar "$JAR")
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
}
run_ours_info() {
    DB=$INFO_DB; timed ours "$INFO_DB" "$(dir_of big)" info
    expect "info lines" "$(grep -cE '^[0-9]+ +create t[0-9]+ +Success .* yes$' "$WORK/out")" "$BIG"
    grep -q "^$BIG migration(s); at revision $BIG, 0 pending" "$WORK/out" || die "info printed: $(tail -1 "$WORK/out")"
}
check_info_fast() {
    expect "info lines" "$(grep -cE '^[0-9]+ +create t[0-9]+ +Success .* yes$' "$WORK/out")" "$BIG"
    grep -q "^$BIG migration(s); at revision $BIG, 0 pending" "$WORK/out" || die "info printed: $(tail -1 "$WORK/out")"
}
run_fast_info() { DB=$INFO_DB; timed fast "$INFO_DB" "$(dir_of big)" info; check_info_fast; }
run_psql_info() {
    DB=$INFO_DB; timed q "$INFO_DB" "SELECT version, description, installed_on, success FROM flyway_schema_history ORDER BY installed_rank"
    expect "psql info rows" "$(wc -l <"$WORK/out")" "$BIG"
}

: >"$WORK/breakdown.md"
FIRST=1
declare -A PGVERS
for F in "${FSYNCS[@]}"; do
    SET="fsync=$F"
    start_server "$F"
    PGVERS[$SET]=$(q postgres "SHOW server_version")
    run_setting
    if [[ $FIRST == 1 ]]; then
        # Flyway's group mode (all pending in one transaction), for reference
        [[ $QUICK == 1 ]] || measure "upgrade/flyway-group/gen" "run_raw_upgrade gen --group"
        [[ $SKIP_INFO == 1 ]] || run_info
        INFO_SET=$SET
    fi
    stop_server
    FIRST=0
done

# ---------------------------------------------------------------- report
# row SET case n ours-key base-key base-label target-text target-check(awk expr on r = ours/base, om = ours median)
row() {
    local set=$1 c=$2 n=$3 ok=$4 bk=$5 bl=$6 tt=$7 tc=$8 omin omed bmin bmed
    [[ -n ${RES[$set/$ok]:-} ]] || return 0
    read -r omin omed <<<"${RES[$set/$ok]}"
    if [[ -n $bk ]]; then read -r bmin bmed <<<"${RES[$set/$bk]}"; else bmin=-; bmed=-; fi
    awk -v c="$c" -v n="$n" -v omin="$omin" -v omed="$omed" -v bl="$bl" -v bmin="$bmin" -v bmed="$bmed" -v tt="$tt" \
        -v oc="${CPU[$set/$ok]}" -v bc="${bk:+${CPU[$set/$bk]}}" \
        -v os="${STMTS[$set/$ok]}" -v bs="${bk:+${STMTS[$set/$bk]}}" '
        BEGIN {
            r = (bmed != "-" && bmed > 0) ? omed / bmed : -1
            rs = (r < 0) ? "-" : sprintf("%.2f×", r)
            verdict = "-"
            if (tt != "-") { verdict = ('"$tc"') ? "PASS" : "MISS" }
            printf "| %s | %s | %s / %s | %s | %s | %s / %s | %s | %s | %s / %s | %s | %s |\n", c, n, omin, omed, oc, bl, bmin, bmed, (bc == "" ? "-" : bc), rs, os, (bs == "" ? "-" : bs), tt, verdict
        }'
}
table() {
    local set=$1
    echo "| case | N | ours min / median (s) | ours CPU (s) | baseline | base min / median (s) | base CPU (s) | ours/base (median) | statements ours / base | target | verdict |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    row "$set" "upgrade head, java -jar" "$N" upgrade/ours/gen upgrade/flyway/gen "raw Flyway migrate()" "≤ 1.05× Flyway" "r <= 1.05"
    row "$set" "upgrade head, java -jar" "$N" upgrade/ours/gen upgrade/flyway-sess/gen "raw Flyway, session-level lock" - 1
    row "$set" "upgrade head, java -jar" "$N" upgrade/ours/gen upgrade/psql/gen "psql -1 V scripts (floor)" - 1
    row "$set" "downgrade base, backups on, java -jar" "$N" downgrade/ours/gen downgrade/psql/gen "psql -1 U scripts" "≤ 5× psql (issue 7)" "r <= 5"
    row "$set" "downgrade base --no-backup, java -jar" "$N" downgrade/nobackup/gen downgrade/psql/gen "psql -1 U scripts" "≤ 2× psql" "r <= 2"
    row "$set" "downgrade base --no-backup, bin/db-migrate" "$N" downgrade/fast/gen downgrade/psql/gen "psql -1 U scripts" "≤ 1.5× psql" "r <= 1.5"
    row "$set" "current, java -jar" "$N" current/ours/gen current/floor/gen "JVM floor (Floor.java)" "≤ 1.5× floor" "r <= 1.5"
    row "$set" "current, bin/db-migrate" "$N" current/fast/gen current/floor/gen "JVM floor (Floor.java)" - 1
    row "$set" "JVM floor (Floor.java)" "$N" current/floor/gen current/psql/gen "psql SELECT" - 1
    row "$set" "info, java -jar" "$BIG" info/ours/big info/psql/big "psql SELECT history" - 1
    row "$set" "info, bin/db-migrate" "$BIG" info/fast/big info/psql/big "psql SELECT history" "≤ 1 s" "omed <= 1"
    row "$set" "upgrade head (examples)" "${DS_N[examples]}" upgrade/ours/examples upgrade/flyway/examples "raw Flyway migrate()" - 1
    row "$set" "upgrade head (examples)" "${DS_N[examples]}" upgrade/ours/examples upgrade/psql/examples "psql -1 V scripts" - 1
    row "$set" "downgrade base (examples)" "${DS_N[examples]}" downgrade/ours/examples downgrade/psql/examples "psql -1 U scripts" - 1
    row "$set" "current (examples), java -jar" "${DS_N[examples]}" current/ours/examples current/floor/examples "JVM floor (Floor.java)" "≤ 1.5× floor" "r <= 1.5"
    row "$set" "current (examples), bin/db-migrate" "${DS_N[examples]}" current/fast/examples current/floor/examples "JVM floor (Floor.java)" - 1
}
# verdict SET OURS BASE LIMIT: "PASS 1.23×" or "MISS 2.34×", by medians
verdict() {
    [[ -n ${RES[$1/$2]:-} && -n ${RES[$1/$3]:-} ]] || { echo "not run"; return; }
    local o b; o=$(cut -d' ' -f2 <<<"${RES[$1/$2]}"); b=$(cut -d' ' -f2 <<<"${RES[$1/$3]}")
    awk -v o="$o" -v b="$b" -v l="$4" 'BEGIN { r = o / b; printf "%s %.2f× (%.2f s / %.2f s)", (r <= l ? "PASS" : "MISS"), r, o, b }'
}
{
    echo "# db-migrate benchmark"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit: $COMMIT"
    echo "- machine: $MACHINE; PostgreSQL $(printf '%s ' "${PGVERS[@]}" | awk '{ print $1 }') (embedded, zonky)"
    echo "- load average (1/5/15 min) at start: $LOAD_START, at end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes timings noisy)"
    echo "- whole commands, JVM start included; fresh database per run (read-only cases: one database at head); statements = calls in that database per pg_stat_statements; $RUNS run(s) of each contender, interleaved; wall seconds, CPU = user + sys of the command's own processes (not the server's)"
    [[ $QUICK != 1 ]] || echo "- QUICK mode (N=$N, $RUNS run): for iteration, not for the record"
    echo
    echo "## Targets (issue 13), by medians"
    echo
    echo "| target | $(printf '%s | ' "${FSYNCS[@]/#/fsync=}")"
    echo "|---|$(printf -- '---|%.0s' "${FSYNCS[@]}")"
    line() { # line TEXT OURS BASE LIMIT
        local out="| $1 |" f
        for f in "${FSYNCS[@]}"; do out+=" $(verdict "fsync=$f" "$2" "$3" "$4") |"; done
        echo "$out"
    }
    line "upgrade ≤ 1.05× raw Flyway (java -jar)" upgrade/ours/gen upgrade/flyway/gen 1.05
    line "downgrade --no-backup ≤ 1.5× psql (bin/db-migrate)" downgrade/fast/gen downgrade/psql/gen 1.5
    line "downgrade --no-backup ≤ 2× psql (java -jar)" downgrade/nobackup/gen downgrade/psql/gen 2
    line "current ≤ 1.5× the JVM floor (java -jar)" current/ours/gen current/floor/gen 1.5
    if [[ $SKIP_INFO != 1 ]]; then
        read -r imin imed <<<"${RES[$INFO_SET/info/fast/big]}"
        echo "| info at $BIG ≤ 1 s (bin/db-migrate), $INFO_SET | $(awk -v m="$imed" 'BEGIN { printf "%s %.2f s", (m <= 1 ? "PASS" : "MISS"), m }') |"
        echo "| heap ≤ 256 MB at $BIG, $INFO_SET | $([[ ${PEAK:-999} -le 256 ]] && echo PASS || echo MISS) ${PEAK:-?} MB |"
    else
        echo "| info at $BIG ≤ 1 s, heap ≤ 256 MB | not run (BENCH_SKIP_INFO) |"
    fi
    for F in "${FSYNCS[@]}"; do
        echo
        echo "## fsync=$F"
        echo
        table "fsync=$F"
    done
    echo
    if [[ -n ${RES[fsync=${FSYNCS[0]}/upgrade/flyway-group/gen]:-} ]]; then
        read -r gmin gmed <<<"${RES[fsync=${FSYNCS[0]}/upgrade/flyway-group/gen]}"
        read -r fmin fmed <<<"${RES[fsync=${FSYNCS[0]}/upgrade/flyway/gen]}"
        echo "- Flyway group(true) migrate, N=$N, fsync=${FSYNCS[0]}: min $gmin s / median $gmed s (default mode median $fmed s)"
    fi
    [[ $SKIP_INFO == 1 ]] || echo "- heap, info at $BIG (target ≤ 256 MB): $HEAP_NOTE"
    for F in "${FSYNCS[@]}"; do
        [[ -n ${STEPS_MS[fsync=$F/gen]:-} ]] || continue
        echo "- execution alone, \`downgrade base --no-backup\` (N=$N, fsync=$F, java -jar): the steps the CLI reports add up to a median of $(median "${STEPS_MS[fsync=$F/gen]}") s (runs, ms: ${STEPS_MS[fsync=$F/gen]% }), against $(cut -d' ' -f2 <<<"${RES[fsync=$F/downgrade/psql/gen]}") s for psql's whole run of the same U scripts; the rest of the command is JVM start, planning and commit"
    done
    if [[ -s $WORK/breakdown.md ]]; then
        echo
        echo "## Where one run's time goes (fsync=${FSYNCS[0]}, N=$N; milliseconds)"
        echo
        echo "JVM start: process start to the end of the JVM's creation; class loading: the JVM's own counter (load, link, init), wherever it happened; connect, catalog, work, other: the rest, split by the shares of a JFR run's main-thread samples (bench/breakdown.py). An estimate from two runs."
        echo
        echo "| command | wall | JVM start | class loading (classes, from CDS) | connect | catalog | work | other (picocli, output, exit) |"
        echo "|---|---|---|---|---|---|---|---|"
        cat "$WORK/breakdown.md"
    fi
    if [[ $HAVE_J25 == 1 ]]; then
        echo
        echo "## Launcher settings on JDK 17 and 25 (fsync=${FSYNCS[0]}, N=$N)"
        echo
        echo "bin/db-migrate (serial GC, C1 only) with JAVA_HOME set; JDK 17: $JVER; JDK 25: $J25VER. CDS = a class-data archive (-XX:ArchiveClassesAtExit; DB_MIGRATE_AOT=0 on JDK 25), AOT = JDK 25's AOT cache (-XX:AOTCacheOutput, then -XX:AOTCache: the launcher's default there).${OLD_LAUNCHER:+ Old launcher: $OLD_LAUNCHER.} Median wall (median CPU)."
        echo
        cell() { local k="fsync=${FSYNCS[0]}/$1"; [[ -n ${RES[$k]:-} ]] && echo "$(cut -d' ' -f2 <<<"${RES[$k]}") s ($(printf '%s' "${CPU[$k]}") s)" || echo -; }
        if [[ -n ${OLD_LAUNCHER:-} ]]; then
            echo "| command | old launcher, JDK 17 + CDS | JDK 17 + CDS | JDK 25 + CDS | JDK 25 + AOT cache | JVM floor (JDK 17) |"
            echo "|---|---|---|---|---|---|"
            echo "| current | $(cell current/launcher-j17old/gen) | $(cell current/launcher-j17/gen) | $(cell current/launcher-j25/gen) | $(cell current/launcher-j25aot/gen) | $(cell current/floor-j17/gen) |"
            echo "| downgrade base --no-backup | $(cell downgrade/launcher-j17old/gen) | $(cell downgrade/launcher-j17/gen) | $(cell downgrade/launcher-j25/gen) | $(cell downgrade/launcher-j25aot/gen) | |"
        else
            echo "| command | JDK 17 + CDS | JDK 25 + CDS | JDK 25 + AOT cache | JVM floor (JDK 17) |"
            echo "|---|---|---|---|---|"
            echo "| current | $(cell current/launcher-j17/gen) | $(cell current/launcher-j25/gen) | $(cell current/launcher-j25aot/gen) | $(cell current/floor-j17/gen) |"
            echo "| downgrade base --no-backup | $(cell downgrade/launcher-j17/gen) | $(cell downgrade/launcher-j25/gen) | $(cell downgrade/launcher-j25aot/gen) | |"
        fi
    fi
} | tee "$RESULTS/latest.md"
log "written to $RESULTS/latest.md"
