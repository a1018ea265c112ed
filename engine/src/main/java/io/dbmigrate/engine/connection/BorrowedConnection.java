package io.dbmigrate.engine.connection;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Lends our connection, inside the transaction we hold open, to Flyway: every connection Flyway asks for is this one,
 * and what would end or leave the transaction (commit, rollback, close, switching autocommit) is ignored, so what
 * Flyway does becomes part of our transaction, and we commit it or roll it back. Flyway sees autocommit as it set it.
 */
public final class BorrowedConnection implements DataSource {
    private final Connection lent;

    private BorrowedConnection(Connection connection) {
        this.lent = (Connection) Proxy.newProxyInstance(BorrowedConnection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new Handler(connection));
    }

    /** A data source whose connections are {@code connection}, which must be in a transaction (autocommit off). */
    public static DataSource of(Connection connection) {
        return new BorrowedConnection(connection);
    }

    private static final class Handler implements java.lang.reflect.InvocationHandler {
        private final Connection target;
        /** What Flyway believes; the real connection stays in our transaction. */
        private boolean autoCommit = true;

        Handler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "commit", "close" -> {
                    return null;
                }
                case "rollback" -> {
                    if (args == null) {
                        return null;
                    }
                    // rolling back to a savepoint stays inside the transaction: passed on
                }
                case "setAutoCommit" -> {
                    autoCommit = (Boolean) args[0];
                    return null;
                }
                case "getAutoCommit" -> {
                    return autoCommit;
                }
                case "isClosed" -> {
                    return false;
                }
                default -> {
                }
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public Connection getConnection() {
        return lent;
    }

    @Override
    public Connection getConnection(String username, String password) {
        return lent;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // nothing is logged here
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // the connection is open already
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
        throw new java.sql.SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
