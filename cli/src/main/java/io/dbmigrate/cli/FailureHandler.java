package io.dbmigrate.cli;

import picocli.CommandLine;

/** An unexpected exception becomes one line on stderr and exit status 1, never a stack trace. */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
        cli.getErr().println("ERROR: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        return ExitCodes.FAILED;
    }
}
