package io.jenkins.plugins.dbmigrate;

import hudson.Extension;
import hudson.model.RootAction;
import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.admin.AdminHandler;
import io.dbmigrate.engine.admin.AdminRequest;
import io.dbmigrate.engine.admin.AdminResponse;
import io.dbmigrate.engine.admin.AdminRuns;
import io.dbmigrate.engine.admin.AdminTargets;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.step.StepParameters;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code /db-migrate/<target>/status|migrate|downgrade|backups|restore|prune}. The engine's {@link AdminHandler}
 * decides routing, methods (405 for GET on a state change), authorization (403 unless Overall/Administer) and the
 * JSON answer. A state change is answered at once (202, a run id) and runs on its own thread, so a proxy's timeout
 * cannot cut it; {@code status?run=<id>} reports its progress and result.
 * Jenkins requires Overall/Read to reach a root action, and its CrumbFilter refuses a POST without a crumb (or API
 * token), so state changes are CSRF-protected before they get here.
 */
@Extension
public final class DbMigrateRootAction implements RootAction, AdminTargets {
    /** One per controller: it keeps the runs that status reports on. */
    private final AdminHandler handler = new AdminHandler(this, new MigrationEngine(), AdminRuns.onOwnThreads());

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "db-migrate";
    }

    @Override
    public String getUrlName() {
        return "db-migrate";
    }

    /** Every URL below {@code /db-migrate/}; Stapler dispatches here separately from {@code doXxx} web methods. */
    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        req.getParameterMap().forEach((key, values) -> parameters.put(key, values.length == 0 ? "" : values[0]));
        AdminRequest request = new AdminRequest(req.getMethod(), req.getRestOfPath(), parameters,
                Jenkins.get().hasPermission(Jenkins.ADMINISTER),
                "jenkins admin " + Jenkins.getAuthentication2().getName());
        AdminResponse response = handler.handle(request);
        rsp.setStatus(response.status());
        rsp.setContentType(response.contentType() + ";charset=UTF-8");
        rsp.getWriter().write(response.body());
    }

    /** A request for a configured target, run here on the controller with the target's migrations folder. */
    @Override
    public Optional<MigrationRequest.Builder> builderFor(String target, Action action) {
        return DbMigrateTargets.get().target(target).map(t -> new StepParameters(action.id(), null, t.getUrl(),
                        t.getCredentialsId(), t.getMigrationsFolder(), null, null, null, t.getName())
                .toBuilder(Map.of(), t.getCredentialsId() == null ? null : Credentials.find(t.getCredentialsId(), null,
                        true), Jenkins.get().getRootDir().getAbsolutePath(), ""));
    }
}
