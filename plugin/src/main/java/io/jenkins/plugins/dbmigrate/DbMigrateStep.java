package io.jenkins.plugins.dbmigrate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.error.MigrationException;
import io.dbmigrate.engine.step.BuildBadge;
import io.dbmigrate.engine.step.CredentialValue;
import io.dbmigrate.engine.step.StepOutcome;
import io.dbmigrate.engine.step.StepParameters;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dbMigrate action: 'upgrade'}: runs db-migrate on the agent that holds the workspace. Every rule about
 * the arguments and every text shown comes from the engine ({@link StepParameters}, {@link StepOutcome}); this
 * class only translates Jenkins types.
 */
public final class DbMigrateStep extends Step {
    private final String action;
    private String revision;
    private String url;
    private String credentialsId;
    private String locations;
    private String schemas;
    private String target;
    private int lockTimeout = MigrationRequest.DEFAULT_LOCK_TIMEOUT_SECONDS;
    private boolean failOnError = true;
    private String backups;
    private String onConflict;
    private String olderThan;
    private int keepLast;

    @DataBoundConstructor
    public DbMigrateStep(String action) {
        this.action = Util.fixEmptyAndTrim(action);
    }

    public String getAction() {
        return action;
    }

    public String getRevision() {
        return revision;
    }

    @DataBoundSetter
    public void setRevision(String revision) {
        this.revision = Util.fixEmptyAndTrim(revision);
    }

    public String getUrl() {
        return url;
    }

    @DataBoundSetter
    public void setUrl(String url) {
        this.url = Util.fixEmptyAndTrim(url);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getLocations() {
        return locations;
    }

    @DataBoundSetter
    public void setLocations(String locations) {
        this.locations = Util.fixEmptyAndTrim(locations);
    }

    public String getSchemas() {
        return schemas;
    }

    @DataBoundSetter
    public void setSchemas(String schemas) {
        this.schemas = Util.fixEmptyAndTrim(schemas);
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = Util.fixEmptyAndTrim(target);
    }

    public int getLockTimeout() {
        return lockTimeout;
    }

    @DataBoundSetter
    public void setLockTimeout(int lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public boolean isFailOnError() {
        return failOnError;
    }

    @DataBoundSetter
    public void setFailOnError(boolean failOnError) {
        this.failOnError = failOnError;
    }

    public String getBackups() {
        return backups;
    }

    /** restore: comma-separated backup names; none means every backup whose source exists again. */
    @DataBoundSetter
    public void setBackups(String backups) {
        this.backups = Util.fixEmptyAndTrim(backups);
    }

    public String getOnConflict() {
        return onConflict;
    }

    @DataBoundSetter
    public void setOnConflict(String onConflict) {
        this.onConflict = Util.fixEmptyAndTrim(onConflict);
    }

    public String getOlderThan() {
        return olderThan;
    }

    @DataBoundSetter
    public void setOlderThan(String olderThan) {
        this.olderThan = Util.fixEmptyAndTrim(olderThan);
    }

    public int getKeepLast() {
        return keepLast;
    }

    @DataBoundSetter
    public void setKeepLast(int keepLast) {
        this.keepLast = keepLast;
    }

    StepParameters parameters() {
        return new StepParameters(action, revision, url, credentialsId, locations, schemas, lockTimeout, failOnError,
                target, backups, onConflict, olderThan, keepLast);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    @Extension
    @Symbol("dbMigrate")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "dbMigrate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run database migrations (db-migrate)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }

        /** Starts empty, so the Snippet Generator never writes an action nobody chose. */
        public ListBoxModel doFillActionItems() {
            ListBoxModel items = new ListBoxModel(new ListBoxModel.Option("- choose -", ""));
            StepParameters.actions().forEach(items::add);
            return items;
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return Credentials.listBox(item, credentialsId);
        }

        // the Snippet Generator's inline checks: the engine's rules for a run, one field at a time (pure, so no POST)
        public FormValidation doCheckAction(@QueryParameter String value) {
            return check("", "action", value);
        }

        public FormValidation doCheckRevision(@QueryParameter String action, @QueryParameter String value) {
            return check(action, "revision", value);
        }

        public FormValidation doCheckUrl(@QueryParameter String value) {
            return check("", "url", value);
        }

        public FormValidation doCheckLocations(@QueryParameter String value) {
            return check("", "locations", value);
        }

        public FormValidation doCheckOnConflict(@QueryParameter String value) {
            return check("", "onConflict", value);
        }

        private static FormValidation check(String action, String field, String value) {
            return StepParameters.problem(action, field, value).map(FormValidation::error).orElse(FormValidation.ok());
        }
    }

    /** Runs on a controller thread; the migration itself runs on the agent through {@link MigrateOnAgent}. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient DbMigrateStep step;

        Execution(DbMigrateStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            FilePath workspace = getContext().get(FilePath.class);
            EnvVars env = getContext().get(EnvVars.class);
            StepOutcome outcome;
            try {
                StepParameters params = step.parameters().withTarget(DbMigrateTargets.get().databases());
                CredentialValue credential = params.credentialsId().isEmpty() ? null
                        : Credentials.find(params.credentialsId(), run, !params.target().isEmpty());
                MigrationRequest request = params.toRequest(env, credential, workspace.getRemote(),
                        "jenkins " + run.getExternalizableId());
                // a broken channel or a class the agent cannot load is a failed outcome like any other (failOnError
                // decides); an abort (InterruptedException) still ends the step
                try {
                    outcome = StepOutcome.of(request, workspace.act(new MigrateOnAgent(request, listener)));
                } catch (IOException | RuntimeException | LinkageError | ServiceConfigurationError e) {
                    outcome = StepOutcome.agentFailed(request, e);
                }
            } catch (MigrationException e) {
                outcome = StepOutcome.rejected(step.getAction(), e);
            }
            outcome.logLines(step.isFailOnError()).forEach(listener.getLogger()::println);
            Optional<BuildBadge> badge = BuildBadge.of(outcome, Util.fixNull(step.getTarget()));
            if (badge.isPresent()) {
                DbMigrateAction.record(run, badge.get());
            }
            if (outcome.shouldFail(step.isFailOnError())) {
                throw new AbortException(outcome.abortMessage());
            }
            return outcome.returnValue();
        }

    }
}
