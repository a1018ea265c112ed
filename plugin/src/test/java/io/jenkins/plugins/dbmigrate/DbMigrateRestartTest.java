package io.jenkins.plugins.dbmigrate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.TaskListener;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.TestDatabase;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** What a build recorded is read back from build.xml after Jenkins restarts. */
@ExtendWith(PostgresExtension.class)
class DbMigrateRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void shouldKeepTheBadgeSummaryAndEnvironmentOverARestart(TestDatabase db) throws Throwable {
        sessions.then(r -> {
            SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                    CredentialsScope.GLOBAL, "db", "test database", PostgresExtension.USER, PostgresExtension.PASSWORD));
            WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  writeFile file: 'db/migration/V1__create_users.sql', text: 'CREATE TABLE users (id int);'\n"
                    + "  writeFile file: 'db/migration/V2__create_tasks.sql', text: 'CREATE TABLE tasks (id int);'\n"
                    + "  dbMigrate action: 'upgrade', url: '" + db.jdbcUrl() + "', credentialsId: 'db'\n"
                    + "}\n", true));
            r.buildAndAssertSuccess(job);
        });
        sessions.then(r -> {
            WorkflowRun run = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            DbMigrateAction badge = run.getAction(DbMigrateAction.class);

            assertThat(badge.getBadge().text(), is(db.name() + ": 2"));
            assertThat(badge.getBadge().tooltip(), is("upgrade on localhost:" + db.port() + "/" + db.name() + ": base → 2"));
            assertThat(badge.getBadge().lines(), hasSize(2));
            assertThat(run.getEnvironment(TaskListener.NULL).get("DB_MIGRATE_REVISION"), is("2"));
            assertThat(run.getEnvironment(TaskListener.NULL).get("DB_MIGRATE_PREVIOUS_REVISION"), is("base"));
            assertThat(r.createWebClient().withJavaScriptEnabled(false).getPage(run).getWebResponse()
                    .getContentAsString(), containsString("V2 create tasks ("));
        });
    }
}
