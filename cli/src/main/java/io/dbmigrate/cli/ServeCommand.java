package io.dbmigrate.cli;

import com.sun.net.httpserver.HttpServer;
import io.dbmigrate.engine.MigrationEngine;
import io.dbmigrate.engine.admin.AdminHandler;
import io.dbmigrate.engine.admin.AdminRuns;
import io.dbmigrate.engine.admin.AdminTargets;
import io.dbmigrate.engine.connection.ConnectionSettings;
import io.dbmigrate.engine.error.MigrationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code db-migrate serve}: the admin endpoints over HTTP for teams without Jenkins, on the one
 * database its options name. Tests drive it through {@link #start()} and {@link #stop()}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the admin endpoints over HTTP until stopped (Ctrl-C or SIGTERM):",
                "  GET or POST /admin/db/status       the current revision",
                "  POST /admin/db/migrate [revision]   upgrade (default head)",
                "  POST /admin/db/downgrade [revision] downgrade (default -1)",
                "  GET or POST /admin/db/backups      the backups downgrades kept",
                "  POST /admin/db/restore [backup] [onConflict] [dryRun]  put kept data back",
                "  POST /admin/db/prune olderThan [keepLast] [dryRun]     delete old backups",
                "migrate, downgrade, restore and prune answer at once (202) with a runId; GET /admin/db/status?run=<runId>",
                "reports the run's progress and, once it is over, its result.",
                "Parameters come from the query string, a form body or a JSON object. Every request needs the header"
                        + " 'Authorization: Bearer <token>' with the value of the --token-env variable."})
final class ServeCommand implements Callable<Integer> {
    /** How long a stop waits for a migration that is running to finish, rather than cutting its connection. */
    private static final int STOP_GRACE_SECONDS = 30;
    /** Enough for a status call to be answered while a migration runs; the engine's lock orders the rest. */
    private static final int WORKERS = 4;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "TCP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Another address"
                    + " exposes the endpoints, and the token, over plain HTTP: put a TLS proxy in front.")
    private String bind;

    @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "DB_MIGRATE_ADMIN_TOKEN",
            description = "Environment variable that holds the bearer token callers must send"
                    + " (default: ${DEFAULT-VALUE}). serve refuses to start when it is unset or empty.")
    private String tokenEnv;

    @Mixin
    private ConnectionOptions database = new ConnectionOptions();

    private final Map<String, String> env;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private HttpServer server;
    private ExecutorService workers;
    /** The migrations the endpoints started, apart from the requests, so a client's timeout cannot cut one. */
    private ExecutorService runs;
    private EmbeddedServer embeddedServer;

    ServeCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            start();
        } catch (MigrationException e) {
            err.println("FAILED (" + e.kind() + "): " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (IOException e) {
            err.println("FAILED: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "db-migrate-serve-stop"));
        stopped.await();
        return ExitCodes.OK;
    }

    /**
     * Checks the options, then listens; returns the port bound (the real one when {@code --port 0}).
     *
     * @throws CommandLine.ParameterException when the command line is wrong or the token variable is unset
     * @throws MigrationException             when no database URL is known
     * @throws IOException                    when the address cannot be listened on
     */
    synchronized int start() throws IOException {
        database.check(spec.commandLine());
        byte[] token = token();
        InetSocketAddress address = address();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ConnectionSettings settings;
            if (database.embedded() != null) {
                embeddedServer = EmbeddedServer.start(database.embedded(), err);
                settings = embeddedServer.settings();
            } else {
                settings = database.resolve(env);
            }
            runs = Executors.newCachedThreadPool();
            AdminHandler handler = new AdminHandler(targets(settings), new MigrationEngine(), new AdminRuns(runs));
            server = listen(address);
            workers = Executors.newFixedThreadPool(WORKERS);
            server.setExecutor(workers);
            server.createContext("/", new AdminHttpHandler(handler, token, err));
            server.start();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        InetSocketAddress bound = server.getAddress();
        if (!bound.getAddress().isLoopbackAddress()) {
            err.println("Warning: listening on " + bind + ", reachable from other machines over plain HTTP.");
        }
        err.println("Serving db-migrate admin endpoints on http://" + host(bound) + ":" + bound.getPort()
                + AdminHttpHandler.PREFIX);
        err.flush();
        return bound.getPort();
    }

    /** Stops listening, lets a running migration finish, stops the embedded server; safe to call twice. */
    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        workers = awaitStop(workers);
        runs = awaitStop(runs);
        if (embeddedServer != null) {
            try {
                embeddedServer.close();
            } catch (IOException e) {
                spec.commandLine().getErr().println("Could not stop the embedded PostgreSQL: " + e.getMessage());
            }
            embeddedServer = null;
        }
        stopped.countDown();
    }

    private static ExecutorService awaitStop(ExecutorService executor) {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return null;
    }

    /** serve acts on one database, the one its options name: the default target, and no other. */
    private AdminTargets targets(ConnectionSettings settings) {
        String actor = "serve " + ActionCommand.actor();
        return (target, action) -> target.isEmpty()
                ? Optional.of(database.builder(action, settings, actor)) : Optional.empty();
    }

    private byte[] token() {
        String value = env.get(tokenEnv);
        if (value == null || value.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "The environment variable " + tokenEnv
                    + " is unset or empty: serve needs the bearer token callers must send there (or name another"
                    + " variable with --token-env).");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private InetSocketAddress address() {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid --port " + port + ": use 0 to 65535 (0 picks a free port).");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(bind), port);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid --bind " + bind + ": not an address of this machine.");
        }
    }

    private HttpServer listen(InetSocketAddress address) throws IOException {
        try {
            return HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IOException("Cannot listen on " + host(address) + ":" + address.getPort() + ": "
                    + e.getMessage() + ".", e);
        }
    }

    private static String host(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
