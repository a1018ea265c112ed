package io.jenkins.plugins.dbmigrate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
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

    @Test
    void shouldMigrateForAnAdministrator() throws Exception {
        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");

        assertThat(post(admin, "db-migrate/prod/migrate"), is(200));
        assertThat(db.historyVersions(), contains("1"));
        assertThat(get(admin, "db-migrate/prod/status"), is(200));
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
