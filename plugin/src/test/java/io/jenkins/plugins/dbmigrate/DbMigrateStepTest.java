package io.jenkins.plugins.dbmigrate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.UninstantiatedDescribable;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Real pipelines against a real PostgreSQL (the engine's embedded test server). The credentials hold
 * {@link PostgresExtension#PASSWORD}, a marker that no build log may contain.
 */
@WithJenkins
@ExtendWith(PostgresExtension.class)
class DbMigrateStepTest {
    @RegisterExtension
    private static final BuildWatcherExtension BUILD_WATCHER = new BuildWatcherExtension();

    private static final AtomicInteger JOBS = new AtomicInteger();

    /** Pipeline lines that put two reversible migrations into the workspace's db/migration. */
    private static final String TWO_MIGRATIONS = """
            writeFile file: 'db/migration/V1__create_users.sql', text: 'CREATE TABLE users (id int PRIMARY KEY);'
            writeFile file: 'db/migration/U1__create_users.sql', text: 'DROP TABLE users;'
            writeFile file: 'db/migration/V2__create_tasks.sql', text: 'CREATE TABLE tasks (id int PRIMARY KEY, user_id int REFERENCES users);'
            writeFile file: 'db/migration/U2__create_tasks.sql', text: 'DROP TABLE tasks;'
            """;

    private static final String BROKEN_SECOND = """
            writeFile file: 'db/migration/V1__create_users.sql', text: 'CREATE TABLE users (id int PRIMARY KEY);'
            writeFile file: 'db/migration/U1__create_users.sql', text: 'DROP TABLE users;'
            writeFile file: 'db/migration/V2__broken.sql', text: 'CREATE TABLE tasks (user_id int REFERENCES no_such_table);'
            writeFile file: 'db/migration/U2__broken.sql', text: 'DROP TABLE tasks;'
            """;

    private JenkinsRule r;

    @BeforeEach
    void addCredentials(JenkinsRule rule) throws Exception {
        r = rule;
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "db", "test database", PostgresExtension.USER, PostgresExtension.PASSWORD));
        SystemCredentialsProvider.getInstance().save();
    }

    private WorkflowRun build(Result expected, String script) throws Exception {
        WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "p" + JOBS.incrementAndGet());
        job.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun run = r.buildAndAssertStatus(expected, job);
        r.assertLogNotContains(PostgresExtension.PASSWORD, run);
        return run;
    }

    private static String connection(TestDatabase db) {
        return "url: '" + db.jdbcUrl() + "', credentialsId: 'db'";
    }

    @Test
    void shouldKeepItsArgumentsAsTheSnippetGeneratorWritesThem() throws Exception {
        DbMigrateStep step = new DbMigrateStep("downgrade");
        step.setRevision("2");
        step.setCredentialsId("db");
        step.setLocations(" sql/migrations ");
        step.setSchemas("");
        step.setLockTimeout(5);
        step.setFailOnError(false);

        UninstantiatedDescribable described = DescribableModel.uninstantiate2_(step);

        assertEquals(Map.of("action", "downgrade", "revision", "2", "credentialsId", "db", "locations",
                "sql/migrations", "lockTimeout", 5, "failOnError", false), described.getArguments());
        r.assertEqualDataBoundBeans(step, described.instantiate(DbMigrateStep.class, TaskListener.NULL));
    }

    @Test
    void shouldUpgradeShowTheBadgeAndExportTheRevisionToLaterStages(TestDatabase db) throws Exception {
        WorkflowRun run = build(Result.SUCCESS, "node {\n" + TWO_MIGRATIONS
                + "  def result = dbMigrate action: 'upgrade', " + connection(db) + "\n"
                + "  echo \"returned ${result.currentRevision} from ${result.previousRevision}, success ${result.success},"
                + " applied ${result.migrations.size()}\"\n"
                + "  dbMigrate action: 'validate', " + connection(db) + "\n"
                + "}\n"
                + "stage('later') {\n"
                + "  echo \"later stage sees ${env.DB_MIGRATE_REVISION} (was ${env.DB_MIGRATE_PREVIOUS_REVISION})\"\n"
                + "}\n");

        r.assertLogContains("Upgraded from revision base to 2: applied 2 migration(s).", run);
        r.assertLogContains("  [1/2] V1 create users (", run);
        r.assertLogContains("returned 2 from base, success true, applied 2", run);
        r.assertLogContains("later stage sees 2 (was base)", run);
        // the validate step after the upgrade leaves the upgrade's badge as it was
        DbMigrateAction badge = run.getAction(DbMigrateAction.class);
        assertThat(run.getActions(DbMigrateAction.class), hasSize(1));
        assertThat(badge.getBadge().text(), is(db.name() + ": 2"));
        assertThat(badge.getBadge().tooltip(), is("upgrade on localhost:" + db.port() + "/" + db.name() + ": base → 2"));
        assertThat(badge.getBadge().lines(), hasSize(2));
        assertThat(badge.getBadge().failed(), is(false));
        assertThat(db.tables(), hasItem("tasks"));
    }

    @Test
    void shouldPrintEachMigrationWhileTheRunGoesOn(TestDatabase db) throws Exception {
        WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "p" + JOBS.incrementAndGet());
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  writeFile file: 'db/migration/V1__create_users.sql', text: 'CREATE TABLE users (id int);'\n"
                + "  writeFile file: 'db/migration/V2__slow.sql', text: 'SELECT pg_sleep(5); CREATE TABLE tasks (id int);'\n"
                + "  dbMigrate action: 'upgrade', " + connection(db) + "\n"
                + "}\n", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();

        r.waitForMessage("  [1/2] V1 create users (", run);

        // the first line is there while the second migration still sleeps
        assertThat(run.isBuilding(), is(true));
        r.assertLogNotContains("Upgraded from revision", run);
        r.assertBuildStatusSuccess(r.waitForCompletion(run));
        r.assertLogContains("  [2/2] V2 slow (", run);
    }

    @Test
    void shouldEscapeAMigrationDescriptionOnTheBuildPage(TestDatabase db) throws Exception {
        WorkflowRun run = build(Result.SUCCESS, "node {\n"
                + "  writeFile file: 'db/migration/V1__<script>alert(1)<.sql', text: 'CREATE TABLE users (id int);'\n"
                + "  dbMigrate action: 'upgrade', " + connection(db) + "\n"
                + "}\n");

        // the page as served: JavaScript off, so nothing on it runs or rewrites it
        String page = r.createWebClient().withJavaScriptEnabled(false).getPage(run).getWebResponse()
                .getContentAsString();

        assertThat(page, containsString("V1 &lt;script&gt;alert(1)&lt; ("));
        assertThat(page, not(containsString("<script>alert(1)")));
    }

    @Test
    void shouldShowOneBadgeAndSummaryRowPerDatabase(TestDatabase db, TestDatabase other) throws Exception {
        WorkflowRun run = build(Result.SUCCESS, "node {\n" + TWO_MIGRATIONS
                + "  dbMigrate action: 'upgrade', revision: '1', " + connection(db) + "\n"
                + "  dbMigrate action: 'upgrade', revision: '1', " + connection(other) + "\n"
                + "  dbMigrate action: 'upgrade', " + connection(db) + "\n"
                + "}\n");

        assertThat(run.getActions(DbMigrateAction.class).stream().map(a -> a.getBadge().text()).toList(),
                contains(other.name() + ": 1", db.name() + ": 2"));
        assertThat(run.getActions(DbMigrateAction.class).get(1).getBadge().tooltip(),
                is("upgrade, upgrade on localhost:" + db.port() + "/" + db.name() + ": base → 2"));
        // the database changed last is the one later stages see
        assertThat(run.getEnvironment(TaskListener.NULL).get("DB_MIGRATE_REVISION"), is("2"));
    }

    @Test
    void shouldUseANamedTargetsDatabaseAndCredentials(TestDatabase db) throws Exception {
        DbMigrateTarget prod = new DbMigrateTarget("prod");
        prod.setUrl(db.jdbcUrl());
        prod.setCredentialsId("db");
        DbMigrateTargets.get().setTargets(List.of(prod));

        WorkflowRun run = build(Result.SUCCESS, "node {\n" + TWO_MIGRATIONS
                + "  dbMigrate target: 'prod', action: 'upgrade'\n"
                + "}\n");

        assertThat(run.getAction(DbMigrateAction.class).getBadge().text(), is("prod: 2"));
        assertThat(db.historyVersions(), contains("1", "2"));
    }

    @Test
    void shouldNotFindASystemScopedCredentialForATarget(TestDatabase db) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.SYSTEM, "db-system", "Jenkins only", PostgresExtension.USER, PostgresExtension.PASSWORD));
        DbMigrateTarget prod = new DbMigrateTarget("prod");
        prod.setUrl(db.jdbcUrl());
        prod.setCredentialsId("db-system");
        DbMigrateTargets.get().setTargets(List.of(prod));

        WorkflowRun run = build(Result.FAILURE, "node {\n" + TWO_MIGRATIONS
                + "  dbMigrate target: 'prod', action: 'upgrade'\n"
                + "}\n");

        r.assertLogContains("ERROR: dbMigrate upgrade failed: No credentials 'db-system' are visible to this build.", run);
        assertThat(db.tables(), empty());
    }

    @Test
    void shouldReturnAnAgentFailureWhenTheAgentGoesAwayAndFailOnErrorIsOff(TestDatabase db) throws Exception {
        DumbSlave agent = r.createSlave("db-agent", "db", null);
        WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "p" + JOBS.incrementAndGet());
        job.setDefinition(new CpsFlowDefinition("node('db') {\n"
                + "  writeFile file: 'db/migration/V1__create_users.sql', text: 'CREATE TABLE users (id int);'\n"
                + "  writeFile file: 'db/migration/V2__slow.sql', text: 'SELECT pg_sleep(60); CREATE TABLE tasks (id int);'\n"
                + "  def result = dbMigrate action: 'upgrade', failOnError: false, " + connection(db) + "\n"
                + "  echo \"success ${result.success}, error ${result.error}\"\n"
                + "}\n", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("  [1/2] V1 create users (", run);

        r.disconnectSlave(agent);

        r.waitForMessage("success false, error AGENT", run);
        r.assertLogContains("dbMigrate upgrade failed: The agent could not run db-migrate: ", run);
        r.assertLogNotContains(PostgresExtension.PASSWORD, run);
        assertThat(run.getAction(DbMigrateAction.class).getBadge().failed(), is(true));
    }

    @Test
    void shouldDowngradeToTheRevisionKeptBeforeTheUpgrade(TestDatabase db) throws Exception {
        WorkflowRun run = build(Result.SUCCESS, "node {\n" + TWO_MIGRATIONS
                + "  dbMigrate action: 'upgrade', revision: '1', " + connection(db) + "\n"
                + "  def up = dbMigrate action: 'upgrade', " + connection(db) + "\n"
                + "  def down = dbMigrate action: 'downgrade', revision: up.previousRevision, " + connection(db) + "\n"
                + "  echo \"kept ${up.previousRevision}, back at ${down.currentRevision}\"\n"
                + "}\n");

        r.assertLogContains("kept 1, back at 1", run);
        r.assertLogContains("Downgraded from revision 2 to 1: undid 1 migration(s).", run);
        // three steps on one database: one badge, from where the build found it to where it left it
        assertThat(run.getActions(DbMigrateAction.class), hasSize(1));
        assertThat(run.getAction(DbMigrateAction.class).getBadge().text(), is(db.name() + ": 1"));
        assertThat(run.getAction(DbMigrateAction.class).getBadge().tooltip(), is("upgrade, upgrade, downgrade on localhost:"
                + db.port() + "/" + db.name() + ": base → 1"));
        assertThat(run.getEnvironment(TaskListener.NULL).get("DB_MIGRATE_REVISION"), is("1"));
        assertThat(run.getEnvironment(TaskListener.NULL).get("DB_MIGRATE_PREVIOUS_REVISION"), is("base"));
        assertThat(db.tables(), hasItem("users"));
        assertThat(db.tables(), not(hasItem("tasks")));
    }

    @Test
    void shouldRestoreWhatADowngradeKeptAfterAFixedReUpgradeAndPruneIt(TestDatabase db) throws Exception {
        build(Result.SUCCESS, "node {\n" + TWO_MIGRATIONS + "  dbMigrate action: 'upgrade', " + connection(db) + "\n}\n");
        db.execute("INSERT INTO users VALUES (1); INSERT INTO tasks VALUES (7, 1)");

        WorkflowRun run = build(Result.SUCCESS, "node {\n" + TWO_MIGRATIONS
                + "  dbMigrate action: 'downgrade', " + connection(db) + "\n"
                + "  dbMigrate action: 'upgrade', " + connection(db) + "\n"
                + "  def kept = dbMigrate action: 'backups', " + connection(db) + "\n"
                + "  echo \"kept ${kept.backups.size()}: ${kept.backups[0].source}\"\n"
                + "  dbMigrate action: 'restore', onConflict: 'refuse', " + connection(db) + "\n"
                + "  dbMigrate action: 'prune', olderThan: '0s', keepLast: 0, " + connection(db) + "\n"
                + "}\n");

        r.assertLogContains("kept 1: public.tasks", run);
        r.assertLogContains("Restored 1 backup(s), 1 row(s).", run);
        r.assertLogContains("Pruned 1 backup(s) older than 0s; 0 left.", run);
        assertThat(db.column("SELECT id || ':' || user_id FROM tasks"), contains("7:1"));
        assertThat(db.backupTables(), hasSize(0));
    }

    @Test
    void shouldFailTheBuildWithTheEngineMessageAndNoPassword(TestDatabase db) throws Exception {
        WorkflowRun run = build(Result.FAILURE, "node {\n" + BROKEN_SECOND
                + "  dbMigrate action: 'upgrade', " + connection(db) + "\n"
                + "}\n");

        r.assertLogContains("ERROR: dbMigrate upgrade failed: Migration V2__broken.sql failed: SQL state 42P01", run);
        r.assertLogContains("The database stays at revision 1.", run);
        assertThat(run.getAction(DbMigrateAction.class).getBadge().text(), is(db.name() + ": 1"));
        assertThat(run.getAction(DbMigrateAction.class).getBadge().failed(), is(true));
    }

    @Test
    void shouldReturnTheFailureInsteadWhenFailOnErrorIsOff(TestDatabase db) throws Exception {
        WorkflowRun run = build(Result.SUCCESS, "node {\n" + BROKEN_SECOND
                + "  def result = dbMigrate action: 'upgrade', failOnError: false, " + connection(db) + "\n"
                + "  echo \"success ${result.success}, error ${result.error}, at ${result.currentRevision}\"\n"
                + "}\n");

        r.assertLogContains("dbMigrate upgrade failed: Migration V2__broken.sql failed", run);
        r.assertLogContains("success false, error SQL_ERROR, at 1", run);
    }

    @Test
    void shouldRunOnAnAgentWithTheUrlFromASecretTextCredential(TestDatabase db) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "db-url", "whole URL", Secret.fromString(db.postgresUrl())));
        r.createSlave("db-agent", "db", null);

        WorkflowRun run = build(Result.SUCCESS, "node('db') {\n" + TWO_MIGRATIONS
                + "  def result = dbMigrate action: 'upgrade', credentialsId: 'db-url'\n"
                + "  echo \"on ${env.NODE_NAME}: ${result.currentRevision}\"\n"
                + "}\n");

        r.assertLogContains("on db-agent: 2", run);
        assertThat(db.historyVersions(), contains("1", "2"));
    }

    @Test
    void shouldNameTheActionsWhenTheActionIsUnknown(TestDatabase db) throws Exception {
        WorkflowRun run = build(Result.FAILURE, "node {\n"
                + "  dbMigrate action: 'upgrad', " + connection(db) + "\n"
                + "}\n");

        r.assertLogContains("ERROR: dbMigrate upgrad failed: Unknown action 'upgrad'. Use one of: init, upgrade,"
                + " downgrade, current, info, validate, verify, backups, restore, prune, repair.", run);
    }
}
