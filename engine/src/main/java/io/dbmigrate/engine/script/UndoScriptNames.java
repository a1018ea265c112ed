package io.dbmigrate.engine.script;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.extensibility.ResourceType;
import org.flywaydb.core.extensibility.ResourceTypeProvider;
import org.flywaydb.core.internal.util.Pair;

import java.util.List;

/**
 * A Flyway plugin (found through META-INF/services, as Flyway's own) that makes U one of its prefixes, for names with
 * a version. Flyway's open-source edition knows V, R, B and the callbacks, so with {@code validateMigrationNaming} on
 * it refused every undo script as a misnamed file and no upgrade could run; now it accepts
 * {@code U<version>__<description>.sql} and refuses a misnamed undo script ({@code U1_x.sql}) as it refuses a misnamed V
 * one. Only Flyway's name parser reads these types: its resolvers still take only V and R files as migrations and its
 * callback factory only event names, so no U file is ever run by Flyway. Flyway looks plugins up through the class
 * loader that loaded Flyway (its PluginRegister), so this one is found where the engine sits beside Flyway: the CLI's
 * shaded jar, the Jenkins plugin's libraries.
 */
public final class UndoScriptNames implements ResourceTypeProvider {
    private enum UndoScriptType implements ResourceType {
        UNDO_SCRIPT;

        @Override
        public boolean isVersioned() {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Undo";
        }
    }

    @Override
    public List<Pair<String, ResourceType>> getPrefixTypePairs(Configuration configuration) {
        return List.of(Pair.of(ScriptNames.UNDO, UndoScriptType.UNDO_SCRIPT));
    }
}
