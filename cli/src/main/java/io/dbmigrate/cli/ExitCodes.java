package io.dbmigrate.cli;

/** The three exit statuses the command line promises. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
