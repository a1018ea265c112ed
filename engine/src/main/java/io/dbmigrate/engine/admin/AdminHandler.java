package io.dbmigrate.engine.admin;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.OnConflict;
import io.dbmigrate.engine.error.AdminTexts;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.error.RequestFailures;
import io.dbmigrate.engine.report.ResultJson;
import io.dbmigrate.engine.revision.RevisionExpression;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every decision of the admin endpoints, made once for all front ends: who may call, which paths
 * exist, which methods they take, which action runs with which revision, and the status code of the
 * answer. Front ends (the Jenkins root action, {@code db-migrate serve}) authenticate the caller and
 * translate their HTTP types; nothing else.
 */
public final class AdminHandler {
    private static final String REVISION = "revision";
    /** restore: backup names, comma-separated; on-conflict rule. prune: retention, how many to keep. Both: dry run. */
    private static final String BACKUP = "backup";
    private static final String ON_CONFLICT = "onConflict";
    private static final String OLDER_THAN = "olderThan";
    private static final String KEEP_LAST = "keepLast";
    private static final String DRY_RUN = "dryRun";
    /** status: the id a state-changing call answered with. */
    private static final String RUN = "run";

    private final AdminTargets targets;
    private final MigrationEngine engine;
    private final AdminRuns runs;

    /** Runs every call before answering it. */
    public AdminHandler(AdminTargets targets, MigrationEngine engine) {
        this(targets, engine, null);
    }

    /**
     * Answers a state-changing call (migrate, downgrade, restore, prune) at once with 202 and a run id, and runs it
     * through {@code runs}; {@code status?run=<id>} reports its progress and result.
     */
    public AdminHandler(AdminTargets targets, MigrationEngine engine, AdminRuns runs) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.runs = runs;
    }

    public AdminResponse handle(AdminRequest request) {
        // first, so a caller who is not an administrator learns nothing about paths or targets
        if (!request.administrator()) {
            return refusal(403, AdminTexts.adminOnly());
        }
        Optional<AdminRoute> route = AdminRoute.parse(request.path());
        if (route.isEmpty()) {
            return refusal(404, AdminTexts.unknownEndpoint(request.path()));
        }
        AdminEndpoint endpoint = route.get().endpoint();
        // before the target lookup: a refused request never makes a front end resolve credentials
        if (!endpoint.allows(request.method())) {
            return refusal(405, AdminTexts.methodNotAllowed(request.method(), endpoint.id(), endpoint.methods()));
        }
        String target = route.get().target();
        String runId = request.parameters().getOrDefault(RUN, "").trim();
        if (endpoint == AdminEndpoint.STATUS && !runId.isEmpty()) {
            return runStatus(target, runId);
        }
        Optional<MigrationRequest.Builder> builder;
        try {
            builder = targets.builderFor(target, endpoint.action());
        } catch (MigrationException e) {
            return answer(MigrationResult.failed(endpoint.action(), e));
        }
        if (builder.isEmpty()) {
            return refusal(404, AdminTexts.unknownTarget(target));
        }
        if (!request.actor().isEmpty()) {
            builder.get().actor(request.actor());
        }
        return run(builder.get(), target, endpoint, request.parameters());
    }

    private AdminResponse runStatus(String target, String runId) {
        if (runs == null) {
            return refusal(404, AdminTexts.unknownRun(runId));
        }
        return runs.find(target, runId).map(run -> {
            MigrationResult result = run.result();
            return new AdminResponse(result == null ? 200 : statusOf(result), ResultJson.write(run.toMap(
                    AdminTexts.adminRunRunning())));
        }).orElseGet(() -> refusal(404, AdminTexts.unknownRun(runId)));
    }

    private AdminResponse run(MigrationRequest.Builder builder, String target, AdminEndpoint endpoint,
                              Map<String, String> parameters) {
        // status takes no revision: a stray one is ignored rather than turned into an error
        if (endpoint.action().takesRevision() && parameters.containsKey(REVISION)) {
            builder.revision(parameters.get(REVISION));
        }
        MigrationRequest migration;
        try {
            backupParameters(builder, endpoint, parameters);
            migration = builder.build();
            if (!migration.revision().isEmpty()) {
                // here, not only in the engine: a run answered 202 must not be one that cannot start
                RevisionExpression.parse(migration.revision());
            }
        } catch (MigrationException e) {
            return answer(MigrationResult.failed(endpoint.action(), e));
        }
        if (migration.action() != endpoint.action()) {
            // a status call must never run an upgrade because a front end built the wrong request
            throw new IllegalStateException("AdminTargets built a request for " + migration.action().id()
                    + " where " + endpoint.action().id() + " was asked for");
        }
        if (runs != null && endpoint.changesState()) {
            AdminRun run = runs.start(target, migration, engine);
            String statusPath = (target.isEmpty() ? "" : target + "/") + "status?run=" + run.id();
            return new AdminResponse(202, ResultJson.write(run.toMap(AdminTexts.adminRunStarted(endpoint.id(),
                    statusPath))));
        }
        return answer(engine.run(migration));
    }

    private static void backupParameters(MigrationRequest.Builder builder, AdminEndpoint endpoint,
                                         Map<String, String> parameters) {
        if (endpoint == AdminEndpoint.RESTORE) {
            String names = parameters.getOrDefault(BACKUP, "");
            builder.backupNames(names.isBlank() ? List.of() : List.of(names.trim().split("\\s*,\\s*")))
                    .onConflict(OnConflict.fromId(parameters.get(ON_CONFLICT)));
        }
        if (endpoint == AdminEndpoint.PRUNE) {
            builder.olderThan(parameters.getOrDefault(OLDER_THAN, ""));
            String keepLast = parameters.getOrDefault(KEEP_LAST, "0").trim();
            if (!keepLast.matches("\\d{1,9}")) {
                throw RequestFailures.badKeepLast(keepLast);
            }
            builder.keepLast(Integer.parseInt(keepLast));
        }
        if (endpoint == AdminEndpoint.RESTORE || endpoint == AdminEndpoint.PRUNE) {
            builder.dryRun(Boolean.parseBoolean(parameters.getOrDefault(DRY_RUN, "false").trim()));
        }
    }

    private static AdminResponse answer(MigrationResult result) {
        return new AdminResponse(statusOf(result), ResultJson.of(result));
    }

    /**
     * The status code a result is answered with: 400 when the request was wrong, 409 when another run
     * holds the lock (try again later), 500 for everything else that failed.
     */
    static int statusOf(MigrationResult result) {
        if (result.success()) {
            return 200;
        }
        // no default branch: a new error kind must be given its status code here
        return switch (result.error()) {
            case INVALID_INPUT -> 400;
            case LOCKED -> 409;
            case CONNECTION, AUTHENTICATION, NOT_INITIALIZED, CHECKSUM_MISMATCH, IRREVERSIBLE, SQL_ERROR, PERMISSION, AGENT
                    -> 500;
        };
    }

    /** A request turned away before anything ran: the same two fields a result starts with. */
    private static AdminResponse refusal(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("message", message);
        return new AdminResponse(status, ResultJson.write(body));
    }
}
