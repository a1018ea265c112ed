package io.jenkins.plugins.dbmigrate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The admin endpoints under /db-migrate/, with a target "prod" on a fresh test database. */
@WithJenkins
@ExtendWith(PostgresExtension.class)
class DbMigrateRootActionTest {
    @TempDir
    Path migrations;

    private JenkinsRule r;
    /** Resolved once here: every TestDatabase parameter is a new database. */
    private TestDatabase db;

    @BeforeEach
    void setUp(JenkinsRule rule, TestDatabase database) throws Exception {
        r = rule;
        db = database;
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("dev"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "db", "test database", PostgresExtension.USER, PostgresExtension.PASSWORD));
        Files.writeString(migrations.resolve("V1__create_users.sql"), "CREATE TABLE users (id int PRIMARY KEY);");
        Files.writeString(migrations.resolve("U1__create_users.sql"), "DROP TABLE users;");
        DbMigrateTarget prod = new DbMigrateTarget("prod");
        prod.setUrl(db.jdbcUrl());
        prod.setCredentialsId("db");
        prod.setMigrationsFolder(migrations.toString());
        DbMigrateTargets.get().setTargets(List.of(prod));
    }

    private int post(JenkinsRule.WebClient wc, String path) throws Exception {
        return wc.getPage(new WebRequest(wc.createCrumbedUrl(path), HttpMethod.POST)).getWebResponse().getStatusCode();
    }

    private int get(JenkinsRule.WebClient wc, String path) throws Exception {
        return wc.getPage(new WebRequest(new URL(r.getURL(), path), HttpMethod.GET)).getWebResponse().getStatusCode();
    }

    @Test
    void shouldRefuseANonAdministrator() throws Exception {
        JenkinsRule.WebClient dev = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("dev");

        assertThat(post(dev, "db-migrate/prod/migrate"), is(403));
        assertThat(get(dev, "db-migrate/prod/status"), is(403));
        assertThat(db.tables(), empty());
    }

    @Test
    void shouldRefuseGetOnAStateChange() throws Exception {
        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");

        assertThat(get(admin, "db-migrate/prod/migrate"), is(405));
        assertThat(db.tables(), empty());
    }

    @Test
    void shouldRefuseAPostWithoutTheCrumb() throws Exception {
        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");

        int status = admin.getPage(new WebRequest(new URL(r.getURL(), "db-migrate/prod/migrate"), HttpMethod.POST))
                .getWebResponse().getStatusCode();

        assertThat(status, is(403));
        assertThat(db.tables(), empty());
    }

    private JSONObject json(JenkinsRule.WebClient wc, WebRequest request) throws Exception {
        return JSONObject.fromObject(wc.getPage(request).getWebResponse().getContentAsString());
    }

    @Test
    void shouldStartAMigrationAtOnceAndReportItOnStatusWithTheAdminAsActor() throws Exception {
        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");

        JSONObject started = json(admin, new WebRequest(admin.createCrumbedUrl("db-migrate/prod/migrate"),
                HttpMethod.POST));
        assertThat(started.getString("state"), is("RUNNING"));
        URL status = new URL(r.getURL(), "db-migrate/prod/status?run=" + started.getString("runId"));
        JSONObject finished = json(admin, new WebRequest(status, HttpMethod.GET));
        for (int i = 0; i < 600 && finished.getString("state").equals("RUNNING"); i++) {
            Thread.sleep(100);
            finished = json(admin, new WebRequest(status, HttpMethod.GET));
        }

        assertThat(finished.getString("state"), is("FINISHED"));
        assertThat(finished.getJSONObject("result").getString("currentRevision"), is("1"));
        assertThat(db.historyVersions(), contains("1"));
        assertThat(db.column("SELECT actor FROM db_migrate_audit"), contains("jenkins admin admin"));
        assertThat(get(admin, "db-migrate/prod/status"), is(200));
    }

    @Test
    void shouldListCredentialsOnlyToThoseWhoMayConfigure() throws Exception {
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("dev")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("author"));
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.SYSTEM, "db-system", "Jenkins only", PostgresExtension.USER, PostgresExtension.PASSWORD));
        WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "p");
        DbMigrateStep.DescriptorImpl step = r.jenkins.getDescriptorByType(DbMigrateStep.DescriptorImpl.class);
        DbMigrateTarget.DescriptorImpl target = r.jenkins.getDescriptorByType(DbMigrateTarget.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            assertThat(values(step.doFillCredentialsIdItems(job, "kept")), contains("kept"));
            assertThat(values(target.doFillCredentialsIdItems("kept")), contains("kept"));
        }
        try (ACLContext ignored = ACL.as2(User.getById("author", true).impersonate2())) {
            assertThat(values(step.doFillCredentialsIdItems(job, "")), contains("", "db"));
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            // a target's credentials are looked up as a build sees them: Global scope, never System
            assertThat(values(target.doFillCredentialsIdItems("")), contains("", "db"));
        }
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }

    @Test
    void shouldCheckTargetNamesInTheFormAndRefuseTwoOfOneName() throws Exception {
        DbMigrateTarget.DescriptorImpl descriptor = r.jenkins.getDescriptorByType(DbMigrateTarget.DescriptorImpl.class);
        DbMigrateTarget again = new DbMigrateTarget("prod");

        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(descriptor.doCheckName(" ").kind, is(FormValidation.Kind.ERROR));
            assertThat(descriptor.doCheckName("prod/eu").kind, is(FormValidation.Kind.ERROR));
            assertThat(descriptor.doCheckName("prod-eu").kind, is(FormValidation.Kind.OK));
        }
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> DbMigrateTargets.get().setTargets(List.of(DbMigrateTargets.get().getTargets().get(0), again)));
        assertThat(refused.getMessage(), is("Two targets are named 'prod': give each its own name."));
        assertThat(DbMigrateTargets.get().getTargets(), hasSize(1));
    }

    @Test
    void shouldKeepTheTargetsThroughTheConfigurationForm() throws Exception {
        // JenkinsRule.configRoundtrip() browses anonymously, and anonymous may not even read here: log in as admin
        r.submit(r.createWebClient().login("admin").goTo("configure").getFormByName("config"));

        DbMigrateTarget prod = DbMigrateTargets.get().getTargets().get(0);
        assertThat(prod.getName(), is("prod"));
        assertThat(prod.getCredentialsId(), is("db"));
        assertThat(prod.getMigrationsFolder(), is(migrations.toString()));
    }
}
