package io.dbmigrate.engine.config;

/** One configured value and where it came from ({@code flyway.toml}, {@code environment variable FLYWAY_X}), for warnings. */
record Setting(String value, String origin) {
}
