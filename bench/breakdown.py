#!/usr/bin/env python3
"""Where one db-migrate command's wall time goes: JVM start, class loading, connect, catalog, work, other.

Usage: breakdown.py LABEL WALL_MS START_MS HSPERF_SNAP JFR_FILE
  WALL_MS      wall time of a plain run (no JFR) of the command
  START_MS     epoch ms just before that run was started (bash date)
  HSPERF_SNAP  `jstat -J-Djstat.showUnsupported=true -snap file://...` of that run's -XX:PerfDataSaveFile
  JFR_FILE     a second run of the same command under -XX:StartFlightRecording=settings=profile

JVM start: from START_MS to the end of the JVM's creation (sun.rt.createVmEndTime), so the launcher, the jar and
the VM's own start. Class loading: the JVM's own counter of time spent loading, linking and initialising classes
(sun.cls.time), wherever it happened. The rest of the wall time (minus class loading) is split between connect,
catalog, work and other by the share of the JFR run's main-thread samples in each (cpu samples weigh 10 ms, native
samples 20 ms, as JFR's profile settings take them; samples inside a class loader are left out, being counted
above; the driver's connect thread counts too, since main waits parked meanwhile and JFR samples no parked thread). It is an estimate: the JFR run is a different run, and sampling misses short phases.
Prints one markdown table row: | label | wall | jvm start | class loading (classes) | connect | catalog | work | other |
"""
import json
import subprocess
import sys

label, wall, start, snap, jfr = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]

counters = {}
with open(snap) as f:
    for line in f:
        if "=" in line:
            k, v = line.strip().split("=", 1)
            counters[k] = v.strip('"')
freq = int(counters.get("sun.os.hrt.frequency", "1000000000"))
vm_end = int(counters["sun.rt.createVmEndTime"])
jvm_start = max(0, vm_end - start)
cls_ms = int(counters.get("sun.cls.time", "0")) * 1000 // freq
shared = int(counters.get("java.cls.sharedLoadedClasses", "0"))     # from the class-data archive (CDS)
classes = int(counters.get("java.cls.loadedClasses", "0")) + shared   # as jstat -class counts them

CLASS_LOADING = ("java.lang.ClassLoader.", "jdk.internal.loader.", "java.lang.Class.forName", "java.net.URLClassLoader.",
                 "java.util.zip.", "java.util.jar.", "jdk.internal.misc.Unsafe.defineClass",
                 "java.lang.invoke.MethodHandleNatives.", "java.lang.invoke.InnerClassLambdaMetafactory.")
CONNECT = ("org.postgresql.Driver.connect", "org.postgresql.Driver$ConnectTask", "org.postgresql.ds.",
           "org.postgresql.core.ConnectionFactory.", "org.postgresql.core.v3.ConnectionFactoryImpl.")
# applying scripts and writing their outcome: our undo execution, Flyway's migrate loop, the commit
WORK = ("io.dbmigrate.engine.undo.ScriptRunner.", "io.dbmigrate.engine.undo.UndoRunner.",
        "io.dbmigrate.engine.undo.UndoBackup.", "io.dbmigrate.engine.history.HistoryTable.deleteRows",
        "io.dbmigrate.engine.history.AuditLog.record", "org.postgresql.jdbc.PgConnection.commit",
        "org.flywaydb.core.internal.command.DbMigrate.doMigrateGroup",
        "org.flywaydb.core.internal.command.DbMigrate.applyMigrations", "io.dbmigrate.cli.Output.")
# reading what is applied and what is there: the history table, the script folders, Flyway's set-up and info()
CATALOG = ("org.flywaydb.", "io.dbmigrate.engine.action.MigrationCatalog", "io.dbmigrate.engine.action.Session.catalog",
           "io.dbmigrate.engine.action.Session.lockAndRead", "io.dbmigrate.engine.undo.ScriptLocations",
           "io.dbmigrate.engine.undo.UndoScript.read", "io.dbmigrate.engine.undo.UndoCallbacks.read",
           "io.dbmigrate.engine.action.DowngradeAction.plan", "io.dbmigrate.engine.history.", "io.dbmigrate.engine.info.")

out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "400", "--events",
                      "jdk.ExecutionSample,jdk.NativeMethodSample", jfr], capture_output=True, text=True).stdout
weights = {"connect": 0, "catalog": 0, "work": 0, "other": 0}
for e in json.loads(out)["recording"]["events"]:
    v = e["values"]
    if not v.get("stackTrace"):
        continue
    frames = [fr["method"]["type"]["name"].replace("/", ".") + "." + fr["method"]["name"]
              for fr in v["stackTrace"]["frames"]]          # leaf first
    # the main thread; and the driver's connect thread (main waits parked meanwhile, which JFR does not sample)
    on_main = (v.get("sampledThread") or {}).get("javaName") == "main"
    if not on_main and not any(fr.startswith(CONNECT) for fr in frames):
        continue
    leaf = []
    for fr in frames:                                         # the JDK frames on top of the first non-JDK one
        leaf.append(fr)
        if not fr.startswith(("java.", "jdk.", "sun.")):
            break
    if any(fr.startswith(CLASS_LOADING) for fr in leaf):
        continue
    w = 10 if e["type"] == "jdk.ExecutionSample" else 20
    if any(fr.startswith(CONNECT) for fr in frames):
        weights["connect"] += w
    elif any(fr.startswith(WORK) for fr in frames):
        weights["work"] += w
    elif any(fr.startswith(CATALOG) for fr in frames):
        weights["catalog"] += w
    else:
        weights["other"] += w
total = sum(weights.values()) or 1
rest = max(0, wall - jvm_start - cls_ms)
ms = {k: rest * w // total for k, w in weights.items()}
cls = f"{cls_ms} ({classes} classes, {shared} from CDS)"
print(f"| {label} | {wall} | {jvm_start} | {cls} | {ms['connect']} | {ms['catalog']} | {ms['work']} | {ms['other']} |")
