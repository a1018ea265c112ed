package io.jenkins.plugins.dbmigrate;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbmigrate.engine.step.StepParameters;
import java.util.List;
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

        /** Given and a URL segment (pure: no POST); a second target of one name is refused when the form is saved. */
        public FormValidation doCheckName(@QueryParameter String value) {
            return StepParameters.targetNamesProblem(List.of(Util.fixNull(value))).map(FormValidation::error)
                    .orElse(FormValidation.ok());
        }
    }
}
