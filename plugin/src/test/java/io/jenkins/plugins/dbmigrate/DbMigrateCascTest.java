package io.jenkins.plugins.dbmigrate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.jenkins.plugins.casc.misc.junit.jupiter.AbstractRoundTripTest;
import java.util.List;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * Configuration as Code: configuration-as-code.yaml (beside this class) configures the targets, is checked and
 * applied through JCasC's web UI, and is read again from JENKINS_HOME after a restart (AbstractRoundTripTest).
 */
class DbMigrateCascTest extends AbstractRoundTripTest {

    @Override
    protected void assertConfiguredAsExpected(JenkinsRule j, String configContent) {
        List<DbMigrateTarget> targets = DbMigrateTargets.get().getTargets();
        assertThat(targets.stream().map(DbMigrateTarget::getName).toList(), contains("prod", "staging"));
        assertThat(targets.get(0).getUrl(), is("jdbc:postgresql://prod-db.internal:5432/app"));
        assertThat(targets.get(0).getCredentialsId(), is("prod-db"));
        assertThat(targets.get(0).getMigrationsFolder(), is("/var/lib/db-migrate/casc-round-trip"));
        assertThat(targets.get(1).getMigrationsFolder(), nullValue());
    }

    @Override
    protected String stringInLogExpected() {
        return "/var/lib/db-migrate/casc-round-trip";
    }
}
