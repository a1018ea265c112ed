package io.dbmigrate.engine.admin;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.MigrationRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * The runs the endpoints started: each gets an id at once and runs apart from the request, so a proxy that times a
 * request out cannot cut a migration in half; {@code status?run=<id>} reads its progress and result. Kept in
 * memory only, the newest {@value #KEPT}.
 */
public final class AdminRuns {
    static final int KEPT = 100;

    private final Executor executor;
    private final Map<String, AdminRun> runs = new LinkedHashMap<>();

    /** @param executor runs each migration; a run waits for the database's lock, so it should not share a small pool */
    public AdminRuns(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** Each run on a daemon thread of its own. */
    public static AdminRuns onOwnThreads() {
        return new AdminRuns(task -> {
            Thread thread = new Thread(task, "db-migrate admin run");
            thread.setDaemon(true);
            thread.start();
        });
    }

    AdminRun start(String target, MigrationRequest request, MigrationEngine engine) {
        AdminRun run = new AdminRun(UUID.randomUUID().toString(), target, request.action().id());
        synchronized (runs) {
            runs.put(run.id(), run);
            while (runs.size() > KEPT) {
                runs.remove(runs.keySet().iterator().next());
            }
        }
        executor.execute(() -> run.finish(engine.run(request, run::progress)));
        return run;
    }

    /** The run of that id, if it was started on that target and is still kept. */
    Optional<AdminRun> find(String target, String id) {
        synchronized (runs) {
            return Optional.ofNullable(runs.get(id)).filter(run -> run.target().equals(target));
        }
    }
}
