#!/usr/bin/env python3
"""Main-thread JFR samples of a db-migrate run, grouped by the step of the action they are in.
Usage: jfr-phases.py RECORDING.jfr [TOP]   (needs the JDK's jfr tool on PATH)"""
import json, subprocess, sys, collections
f = sys.argv[1]
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "300", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", f], capture_output=True, text=True).stdout
ev = json.loads(out)["recording"]["events"]
c = collections.Counter(); tot = collections.Counter()
for e in ev:
    st = e["values"].get("stackTrace")
    if not st or (e["values"].get("sampledThread") or {}).get("javaName") != "main": continue
    kind = "cpu " if e["type"] == "jdk.ExecutionSample" else "wait"
    fs = [fr["method"]["type"]["name"].replace("/", ".") + "." + fr["method"]["name"] + ":" + str(fr["lineNumber"]) for fr in st["frames"]]
    fs = [x for x in fs if "$$Lambda" not in x and "lambda$" not in x]
    # bottom-up: find the Action.run / Session / MigrationEngine frame, take its callee
    rev = fs[::-1]
    key = "outside engine (JVM start, picocli, class loading, exit)"
    for i, x in enumerate(rev):
        if x.startswith("io.dbmigrate.engine.action.") and ".run:" in x and "Action" in x:
            callee = rev[i + 1] if i + 1 < len(rev) else "(self)"
            # one more level when the callee is ours
            if callee.startswith("io.dbmigrate") and i + 2 < len(rev): callee += " > " + rev[i + 2]
            key = x.split("io.dbmigrate.engine.action.")[1] + " > " + callee
            break
        if x.startswith("io.dbmigrate.engine.MigrationEngine"):
            key = "MigrationEngine: " + (rev[i + 1] if i + 1 < len(rev) else "")
    c[(kind, key)] += 1; tot[kind] += 1
print(dict(tot), "(cpu samples every 10 ms, wait = native samples every 20 ms, main thread only)")
for (k, key), v in sorted(c.items(), key=lambda kv: -kv[1])[:int(sys.argv[2]) if len(sys.argv) > 2 else 20]: print(f"{v:5d} {k} {key}")
