package io.jenkins.plugins.dbmigrate;

import hudson.remoting.VirtualChannel;
import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.MigrationRequest;
import io.dbmigrate.engine.MigrationResult;
import java.io.File;
import jenkins.MasterToSlaveFileCallable;

/**
 * The only code that runs on the agent: the engine, with the plugin's class loader as the thread's context
 * loader (the engine already hands its own loader to Flyway). Only the request and the result cross the
 * channel. Switching to the bundled CLI jar ({@code java -jar}, JSON on stdout) would replace this class only.
 */
final class MigrateOnAgent extends MasterToSlaveFileCallable<MigrationResult> {
    private static final long serialVersionUID = 1L;

    private final MigrationRequest request;

    MigrateOnAgent(MigrationRequest request) {
        this.request = request;
    }

    @Override
    public MigrationResult invoke(File workspace, VirtualChannel channel) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MigrateOnAgent.class.getClassLoader());
        try {
            return new MigrationEngine().run(request);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
