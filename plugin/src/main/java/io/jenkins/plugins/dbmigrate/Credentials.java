package io.jenkins.plugins.dbmigrate;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.dbmigrate.engine.connection.Secret;
import io.dbmigrate.engine.step.CredentialValue;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Finds the two kinds of credentials db-migrate takes and hands their values to the engine. */
final class Credentials {
    private static final CredentialsMatcher USABLE = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
            CredentialsMatchers.instanceOf(StringCredentials.class));

    private Credentials() {
    }

    /**
     * The credentials a step or an endpoint names; null when absent or of another kind. A step's use (run not null)
     * is recorded. A step without target: looks up as its build. A target's credentials follow one rule in steps and
     * endpoints alike: Jenkins' own store, Global scope, which is what a build sees of it (System scope is for
     * Jenkins itself, so it is found in neither place).
     */
    static CredentialValue find(String id, Run<?, ?> run, boolean ofTarget) {
        StandardCredentials found = ofTarget ? CredentialsProvider.findCredentialByIdInItemGroup(id,
                StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of())
                : CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, List.of());
        CredentialValue value = found == null || found.getScope() == CredentialsScope.SYSTEM ? null : toValue(found);
        if (value != null && run != null) {
            CredentialsProvider.track(run, found);
        }
        return value;
    }

    private static CredentialValue toValue(StandardCredentials credentials) {
        if (credentials instanceof StandardUsernamePasswordCredentials up) {
            return CredentialValue.usernamePassword(up.getUsername(), Secret.of(up.getPassword().getPlainText()));
        }
        if (credentials instanceof StringCredentials text) {
            return CredentialValue.url(Secret.of(text.getSecret().getPlainText()));
        }
        return null;
    }

    /**
     * The credentials drop-down (credentials plugin, docs/consumer.adoc); a null item means a target on the global
     * page, which lists only what {@link #find} finds for a target.
     */
    static ListBoxModel listBox(Item item, String id) {
        String credentialsId = Util.fixNull(id);
        StandardListBoxModel result = new StandardListBoxModel();
        boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
        if (!allowed) {
            return result.includeCurrentValue(credentialsId);
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(),
                    CredentialsMatchers.allOf(USABLE, CredentialsMatchers.withScope(CredentialsScope.GLOBAL)));
        } else {
            result.includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                    item, StandardCredentials.class, List.of(), USABLE);
        }
        return result.includeCurrentValue(credentialsId);
    }
}
