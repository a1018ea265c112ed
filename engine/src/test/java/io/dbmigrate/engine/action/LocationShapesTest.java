package io.dbmigrate.engine.action;

import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.Action;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.api.MigrationStep;
import io.dbmigrate.engine.testing.PostgresExtension;
import io.dbmigrate.engine.testing.Requests;
import io.dbmigrate.engine.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Folders shaped as Flyway 13's scanner and Locations read them (hidden folders, links, a folder given twice or
 * inside another, one script in two locations, a baseline script): db-migrate reads them as stock Flyway does.
 */
@ExtendWith(PostgresExtension.class)
class LocationShapesTest {
    private final MigrationEngine engine = new MigrationEngine();

    @TempDir
    Path tmp;

    @Test
    void aHiddenFolderIsLeftOutAsFlywayLeavesItOut(TestDatabase db) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(Files.createDirectories(dir.resolve(".git")).resolve("V1__a.sql"), "SELECT 1;");
        Files.writeString(Files.createDirectories(dir.resolve(".old")).resolve("U1__a.sql"), "DROP TABLE a;");

        MigrationResult info = run(db, Action.INFO, List.of(dir));
        assertThat(info.success()).as(info.message()).isTrue();
        assertThat(info.migrations()).extracting(MigrationStep::version).containsExactly("1");
        assertThat(info.migrations()).extracting(MigrationStep::reversible).containsExactly(false);
        assertThat(versions(stock(db, dir))).containsExactly("1");

        MigrationResult upgrade = run(db, Action.UPGRADE, List.of(dir));
        assertThat(upgrade.success()).as(upgrade.message()).isTrue();
        MigrationResult validate = run(db, Action.VALIDATE, List.of(dir));
        // past the listing, to the check of undo scripts, which does not count the hidden .old/U1__a.sql
        assertThat(validate.message()).isEqualTo("Validation failed: V1 has no undo script U1__*.sql");
        assertThat(run(db, Action.CURRENT, List.of(dir)).currentRevision()).isEqualTo("1");
    }

    @Test
    void linkedFoldersAreFollowedForUndoScriptsAsFlywayFollowsThem(TestDatabase db) throws Exception {
        Path real = Files.createDirectories(tmp.resolve("m5"));
        Files.writeString(real.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(real.resolve("U1__a.sql"), "DROP TABLE a;");
        Path other = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(other.resolve("V2__b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(other.resolve("U2__b.sql"), "DROP TABLE b;");
        Files.createSymbolicLink(real.resolve("sub"), other);
        Path link = Files.createSymbolicLink(tmp.resolve("m5link"), real);

        assertThat(run(db, Action.UPGRADE, List.of(link)).success()).isTrue();
        MigrationResult info = run(db, Action.INFO, List.of(link));
        assertThat(info.migrations()).extracting(MigrationStep::version).containsExactly("1", "2");
        assertThat(info.migrations()).extracting(MigrationStep::reversible).containsExactly(true, true);
        assertThat(versions(stock(db, link))).containsExactly("1", "2");

        MigrationResult plan = engine.run(Requests.on(db, Action.DOWNGRADE, link).locations(List.of("filesystem:"
                + link)).revision("base").dryRun(true).build());
        assertThat(plan.success()).as(plan.message()).isTrue();
        assertThat(plan.migrations()).extracting(MigrationStep::script).containsExactly("U2__b.sql", "U1__a.sql");
    }

    @Test
    void aFolderGivenTwiceOrInsideAnotherIsReadOnceAsFlywayReadsIt(TestDatabase db) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("x"));
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(sub.resolve("V2__s.sql"), "CREATE TABLE s (id int);");
        Files.writeString(sub.resolve("U2__s.sql"), "DROP TABLE s;");
        List<Path> given = List.of(dir, sub, dir);

        MigrationResult upgrade = run(db, Action.UPGRADE, given);
        assertThat(upgrade.success()).as(upgrade.message()).isTrue();
        assertThat(upgrade.migrations()).extracting(MigrationStep::version).containsExactly("1", "2");
        MigrationResult info = run(db, Action.INFO, given);
        assertThat(info.migrations()).extracting(MigrationStep::version).containsExactly("1", "2");
        assertThat(info.migrations()).extracting(MigrationStep::reversible).containsExactly(false, true);
        assertThat(versions(stock(db, given.toArray(Path[]::new)))).containsExactly("1", "2");
    }

    @Test
    void oneScriptInTwoLocationsIsOneMigrationAsFlywayMergesIt(TestDatabase db) throws Exception {
        Path one = Files.createDirectories(tmp.resolve("one"));
        Path two = Files.createDirectories(tmp.resolve("two"));
        Files.writeString(one.resolve("V1__x.sql"), "CREATE TABLE x (id int);\n");
        Files.writeString(two.resolve("V1__x.sql"), "CREATE TABLE x (id int);\r\n"); // one checksum to Flyway
        Files.writeString(two.resolve("U1__x.sql"), "DROP TABLE x;");

        MigrationResult upgrade = run(db, Action.UPGRADE, List.of(one, two));
        assertThat(upgrade.success()).as(upgrade.message()).isTrue();
        assertThat(upgrade.migrations()).extracting(MigrationStep::version).containsExactly("1");
        assertThat(versions(stock(db, one, two))).containsExactly("1");
        MigrationResult info = run(db, Action.INFO, List.of(one, two));
        assertThat(info.migrations()).extracting(MigrationStep::reversible).containsExactly(true);

        Files.writeString(two.resolve("V1__x.sql"), "CREATE TABLE y (id int);");
        MigrationResult differs = run(db, Action.INFO, List.of(one, two));
        assertThat(differs.success()).isFalse();
        assertThat(differs.message()).isEqualTo("Two scripts have version 1: " + one.resolve("V1__x.sql") + " and "
                + two.resolve("V1__x.sql") + ". Give each its own version. Nothing was changed.");
    }

    @Test
    void aWildcardLocationIsReadAsFlywayReadsIt(TestDatabase db) throws Exception {
        write(tmp.resolve("w1/db/migration/V1__a.sql"), "CREATE TABLE a (id int);");
        write(tmp.resolve("w1/db/migration/U1__a.sql"), "DROP TABLE a;");
        write(tmp.resolve("w2/db/migration/V2__b.sql"), "CREATE TABLE b (id int);");
        write(tmp.resolve("w2/db/migration/U2__b.sql"), "DROP TABLE b;");
        write(tmp.resolve("w2/db/other/V2__other.sql"), "SELECT 1;"); // outside the pattern: not read
        write(tmp.resolve("w1/deep/er/migration/V3__c.sql"), "CREATE TABLE c (id int);");
        Path star = tmp.resolve("w*/db/migration");
        Path anyDepth = tmp.resolve("w1/**/migration");

        MigrationResult upgrade = run(db, Action.UPGRADE, List.of(star));
        assertThat(upgrade.success()).as(upgrade.message()).isTrue();
        assertThat(upgrade.migrations()).extracting(MigrationStep::version).containsExactly("1", "2");
        MigrationResult info = run(db, Action.INFO, List.of(star));
        assertThat(info.migrations()).extracting(MigrationStep::reversible).containsExactly(true, true);
        assertThat(versions(stock(db, star))).containsExactly("1", "2");
        MigrationResult plan = engine.run(Requests.on(db, Action.DOWNGRADE, star)
                .locations(List.of("filesystem:" + star)).revision("base").dryRun(true).build());
        assertThat(plan.success()).as(plan.message()).isTrue();
        assertThat(plan.migrations()).extracting(MigrationStep::script).containsExactly("U2__b.sql", "U1__a.sql");

        MigrationResult deep = run(db, Action.INFO, List.of(anyDepth));
        assertThat(deep.migrations()).extracting(MigrationStep::version).containsExactly("1", "2", "3");
        assertThat(deep.migrations()).extracting(MigrationStep::reversible).containsExactly(true, false, false);
        assertThat(versions(stock(db, anyDepth))).containsExactly("1", "2", "3");
    }

    @Test
    void aBaselineScriptIsNoMisnamedScript(TestDatabase db) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("B3__base.sql"), "CREATE TABLE base (id int);");
        Files.writeString(dir.resolve("B3_base.sql"), "SELECT 1;");

        MigrationResult validate = run(db, Action.VALIDATE, List.of(dir));
        assertThat(validate.warnings()).noneMatch(w -> w.startsWith("B3__base.sql"))
                .anyMatch(w -> w.startsWith("B3_base.sql in " + dir + " is not a migration name"));
        assertThat(stock(db, dir).info().all()).extracting(i -> i.getType().name()).contains("SQL_BASELINE");
    }

    private static void write(Path file, String sql) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, sql);
    }

    private MigrationResult run(TestDatabase db, Action action, List<Path> folders) {
        return engine.run(Requests.on(db, action, folders.get(0))
                .locations(folders.stream().map(f -> "filesystem:" + f).toList()).build());
    }

    private static Flyway stock(TestDatabase db, Path... folders) {
        return Flyway.configure().dataSource(db.jdbcUrl(), PostgresExtension.USER, PostgresExtension.PASSWORD)
                .locations(Arrays.stream(folders).map(f -> "filesystem:" + f).toArray(String[]::new)).load();
    }

    private static List<String> versions(Flyway stock) {
        return Arrays.stream(stock.info().all()).map(MigrationInfo::getVersion).map(Object::toString).toList();
    }
}
