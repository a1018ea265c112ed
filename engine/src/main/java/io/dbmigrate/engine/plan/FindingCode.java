package io.dbmigrate.engine.plan;

/** The stable codes of {@link Finding}s, as Atlas names its checks: DS for data loss, MF for a failing change. */
public enum FindingCode {
    /** DROP SCHEMA. */
    DS101,
    /** DROP TABLE. */
    DS102,
    /** ALTER TABLE … DROP COLUMN. */
    DS103,
    /** TRUNCATE. */
    DS104,
    /** DELETE without WHERE. */
    DS105,
    /** ALTER COLUMN … TYPE: may fail on existing rows or lose precision. */
    MF101,
    /** SET NOT NULL: fails while a row holds NULL. */
    MF102
}
