package io.dbmigrate.engine.undo;

import io.dbmigrate.engine.error.MigrationException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.scanner.filesystem.FileSystemScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One run lists its folders once (a session starts the listing on a second thread while it connects): what the run
 * checks and the undo scripts it finds come from that listing, and a listing that failed is not kept.
 */
class ScriptLocationsTest {

    @TempDir
    Path dir;

    @Test
    void oneRunKeepsItsListingAndTheNextRunListsAgain() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("U1__a.sql"), "DROP TABLE a;");
        ScriptLocations run = locations();
        // the listing done on another thread, as Session's read-ahead does it
        CompletableFuture.runAsync(run::requireUsable).get();

        Files.writeString(dir.resolve("V1.0__again.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("U2__b.sql"), "SELECT 1;");
        run.requireUsable();
        assertThat(run.undoScript(MigrationVersion.fromVersion("1"))).contains(dir.resolve("U1__a.sql"));
        assertThat(run.undoScript(MigrationVersion.fromVersion("2"))).isEmpty();

        ScriptLocations next = locations();
        assertThatThrownBy(next::requireUsable).isInstanceOf(MigrationException.class)
                .hasMessage("Two scripts have version 1: " + dir.resolve("V1.0__again.sql") + " and "
                        + dir.resolve("V1__a.sql") + ". Give each its own version. Nothing was changed.");
        assertThat(next.undoScript(MigrationVersion.fromVersion("2"))).contains(dir.resolve("U2__b.sql"));
    }

    @Test
    void theChecksFindTheUndoScriptsALookupWithoutThemFinds() throws Exception {
        Path nested = Files.createDirectories(dir.resolve("2026/11"));
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("U1__a.sql"), "DROP TABLE a;");
        Files.writeString(nested.resolve("V2.0__b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(nested.resolve("U2__b.SQL"), "DROP TABLE b;");
        Files.writeString(dir.resolve("U3_misnamed.sql"), "SELECT 1;"); // no separator: no version Flyway reads
        Files.writeString(dir.resolve("u4__lower.sql"), "SELECT 1;"); // prefixes are case-sensitive
        Files.writeString(dir.resolve("U5__notes.txt"), "SELECT 1;");
        Files.writeString(dir.resolve("R__view.sql"), "SELECT 1;");
        ScriptLocations checked = locations();
        checked.requireUsable();

        List<Path> expected = List.of(dir.resolve("U1__a.sql"), nested.resolve("U2__b.SQL"));
        assertThat(checked.allUndoScripts()).containsExactlyElementsOf(expected);
        assertThat(locations().allUndoScripts()).containsExactlyElementsOf(expected);
        assertThat(checked.undoScript(MigrationVersion.fromVersion("2.0"))).contains(nested.resolve("U2__b.SQL"));
    }

    @Test
    void aFailedListingFailsAgainWithItsMessageAndIsNotKept() throws Exception {
        Path missing = dir.resolve("migrations");
        ScriptLocations run = new ScriptLocations(List.of("filesystem:" + missing), dir.toString());
        String message = "Migration location " + missing + " does not exist. Pass --locations with the folder that"
                + " holds your V<version>__<description>.sql files.";
        assertThatThrownBy(() -> CompletableFuture.runAsync(run::requireUsable).join())
                .hasRootCauseMessage(message);
        assertThatThrownBy(run::requireUsable).isInstanceOf(MigrationException.class).hasMessage(message);

        Files.createDirectory(missing);
        run.requireUsable();
    }

    @Test
    void aLinkBackToAFolderItIsInIsRefusedWhereFlywayListsTheScriptAgainAtEveryDepth() throws Exception {
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Path loop = Files.createSymbolicLink(Files.createDirectories(dir.resolve("sub")).resolve("loop"), dir);

        Collection<LoadableResource> flyway = new FileSystemScanner(Flyway.configure())
                .scanForResources(Location.fromPath("filesystem:", dir.toString()));
        assertThat(flyway).extracting(LoadableResource::getRelativePath)
                .contains("V1__a.sql", "sub/loop/V1__a.sql", "sub/loop/sub/loop/V1__a.sql");
        assertThatThrownBy(locations()::requireUsable).isInstanceOf(MigrationException.class)
                .hasMessage("Migration folder " + loop + " links to " + dir.toRealPath() + ", a folder it is in:"
                        + " Flyway would list its scripts again at every depth. Remove the link or point it"
                        + " elsewhere. Nothing was changed.");
    }

    @Test
    void aLinkToAFolderOutsideIsFollowedAndAHiddenFolderLeftOut(@TempDir Path outside) throws Exception {
        Files.writeString(outside.resolve("U2__b.sql"), "DROP TABLE b;");
        Files.writeString(dir.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        Files.createSymbolicLink(dir.resolve("linked"), outside);
        Files.writeString(Files.createDirectories(dir.resolve(".old")).resolve("U2__b.sql"), "SELECT 1;");
        Files.writeString(dir.resolve(".old/V2__b.sql"), "SELECT 1;");

        ScriptLocations run = locations();
        run.requireUsable();
        assertThat(run.allUndoScripts()).containsExactly(dir.resolve("linked/U2__b.sql"));
        assertThat(locations().undoScript(MigrationVersion.fromVersion("2"))).contains(dir.resolve("linked/U2__b.sql"));
    }

    private ScriptLocations locations() {
        return new ScriptLocations(List.of("filesystem:" + dir), dir.toString());
    }
}
