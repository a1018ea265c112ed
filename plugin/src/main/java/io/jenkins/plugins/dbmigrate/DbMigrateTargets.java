package io.jenkins.plugins.dbmigrate;

import hudson.Extension;
import hudson.ExtensionList;
import io.dbmigrate.engine.step.StepParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/** Manage Jenkins › System › db-migrate targets; also settable by JCasC ({@code unclassified: dbMigrateTargets:}). */
@Extension
@Symbol("dbMigrateTargets")
public final class DbMigrateTargets extends GlobalConfiguration {
    private List<DbMigrateTarget> targets = new ArrayList<>();

    public DbMigrateTargets() {
        load();
    }

    public static DbMigrateTargets get() {
        return ExtensionList.lookupSingleton(DbMigrateTargets.class);
    }

    public List<DbMigrateTarget> getTargets() {
        return List.copyOf(targets);
    }

    /** Also JCasC's way in: a name the engine's rule rejects (none, not a URL segment, twice) refuses the list. */
    @DataBoundSetter
    public void setTargets(List<DbMigrateTarget> targets) {
        List<DbMigrateTarget> given = targets == null ? List.of() : targets;
        StepParameters.targetNamesProblem(given.stream().map(DbMigrateTarget::getName).toList()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        this.targets = new ArrayList<>(given);
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        try {
            // an emptied list sends no "targets" at all
            setTargets(req.bindJSONToList(DbMigrateTarget.class, json.opt("targets")));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), "targets");
        }
        return true;
    }

    Optional<DbMigrateTarget> target(String name) {
        return targets.stream().filter(t -> t.getName().equals(name)).findFirst();
    }

    /** What a step's {@code target:} may name. */
    List<StepParameters.Target> databases() {
        return targets.stream().map(t -> new StepParameters.Target(t.getName(), t.getUrl(), t.getCredentialsId()))
                .toList();
    }
}
