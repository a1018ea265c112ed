package io.jenkins.plugins.dbmigrate;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.api.MigrationRequest;
import io.dbmigrate.engine.api.MigrationResult;
import io.dbmigrate.engine.step.StepOutcome;
import java.io.File;
import java.io.PrintStream;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * The only code that runs on the agent: the engine, with the plugin's class loader as the thread's context loader
 * (the engine already hands its own loader to Flyway). The request, the build's listener (so each migration's line
 * reaches the console as it finishes) and the result cross the channel. Switching to the bundled CLI jar
 * ({@code java -jar}, JSON on stdout) would replace this class only.
 */
record MigrateOnAgent(MigrationRequest request, TaskListener listener)
        implements ControllerToAgentFileCallable<MigrationResult> {
    private static final long serialVersionUID = 1L;

    @Override
    public MigrationResult invoke(File workspace, VirtualChannel channel) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MigrateOnAgent.class.getClassLoader());
        PrintStream log = listener.getLogger();
        try {
            return new MigrationEngine().run(request, (index, total, step) -> {
                log.println("  " + StepOutcome.progressLine(index, total, step));
                log.flush();
            });
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
