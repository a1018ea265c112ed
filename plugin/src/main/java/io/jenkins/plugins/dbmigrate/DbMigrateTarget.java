package io.jenkins.plugins.dbmigrate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbmigrate.engine.Action;
import io.dbmigrate.engine.MigrationRequest;
import io.dbmigrate.engine.step.StepParameters;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** A named database in the global configuration: what the admin endpoints, and steps with {@code target:}, use. */
public final class DbMigrateTarget implements Describable<DbMigrateTarget> {
    private final String name;
    private String url;
    private String credentialsId;
    private String migrationsFolder;

    @DataBoundConstructor
    public DbMigrateTarget(String name) {
        this.name = Util.fixNull(name).trim();
    }

    public String getName() {
        return name;
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

    /** A folder on the controller; relative to JENKINS_HOME unless absolute. */
    public String getMigrationsFolder() {
        return migrationsFolder;
    }

    @DataBoundSetter
    public void setMigrationsFolder(String migrationsFolder) {
        this.migrationsFolder = Util.fixEmptyAndTrim(migrationsFolder);
    }

    /** A request for this target, run on the controller by the admin endpoints (which set the actor). */
    MigrationRequest.Builder builderFor(Action action) {
        StepParameters params = new StepParameters(action.id(), null, url, credentialsId, migrationsFolder, null, null,
                null, name);
        return params.toBuilder(Map.of(), credentialsId == null ? null : Credentials.forTarget(credentialsId, null),
                Jenkins.get().getRootDir().getAbsolutePath(), "");
    }

    @Extension
    public static final class DescriptorImpl extends Descriptor<DbMigrateTarget> {
        @NonNull
        @Override
        public String getDisplayName() {
            return "Database target";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return Credentials.listBox(null, credentialsId);
        }

        /** Given and a URL segment; a second target of the same name is caught when the form is saved. */
        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return StepParameters.targetNameProblem(value, List.of(value)).map(FormValidation::error)
                    .orElse(FormValidation.ok());
        }
    }
}
