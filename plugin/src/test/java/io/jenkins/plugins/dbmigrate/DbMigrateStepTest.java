package io.jenkins.plugins.dbmigrate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
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
                + "}\n"
                + "stage('later') {\n"
                + "  echo \"later stage sees ${env.DB_MIGRATE_REVISION} (was ${env.DB_MIGRATE_PREVIOUS_REVISION})\"\n"
                + "}\n");

        r.assertLogContains("Upgraded from revision base to 2: applied 2 migration(s).", run);
        r.assertLogContains("  V1 create users (", run);
        r.assertLogContains("returned 2 from base, success true, applied 2", run);
        r.assertLogContains("later stage sees 2 (was base)", run);
        DbMigrateAction badge = run.getAction(DbMigrateAction.class);
        assertThat(badge.getBadgeText(), is("db: 2"));
        assertThat(badge.getTooltip(), is("upgrade on localhost:" + db.port() + "/" + db.name() + ": base → 2"));
        assertThat(badge.getLines(), hasSize(2));
        assertThat(db.tables(), hasItem("tasks"));
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
        assertThat(run.getActions(DbMigrateAction.class), hasSize(1));
        assertThat(run.getAction(DbMigrateAction.class).getBadgeText(), is("db: 1"));
        assertThat(run.getEnvironment(TaskListener.NULL).get("DB_MIGRATE_REVISION"), is("1"));
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
        assertThat(run.getAction(DbMigrateAction.class).getBadgeText(), is("db: 1"));
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
