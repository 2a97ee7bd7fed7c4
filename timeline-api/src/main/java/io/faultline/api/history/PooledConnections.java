package io.faultline.api.history;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Keeps up to {@code maxIdle} connections open for reuse. Opening a ClickHouse JDBC connection costs
 * a round trip to the server (about 15 ms of a 33 ms history request on the embedded engine), which
 * capped each history endpoint at 27–49 requests/s. A connection handed out here goes back to the
 * pool when the caller closes it, unless any call on it failed (then it is closed for real, so a
 * broken connection is never handed out again).
 */
public final class PooledConnections implements ConnectionSource, AutoCloseable {

    private final ConnectionSource opener;
    private final BlockingQueue<Connection> idle;

    public PooledConnections(ConnectionSource opener, int maxIdle) {
        if (maxIdle < 1) {
            throw new IllegalArgumentException("maxIdle must be at least 1, was " + maxIdle);
        }
        this.opener = opener;
        this.idle = new ArrayBlockingQueue<>(maxIdle);
    }

    @Override
    public Connection open() throws SQLException {
        Connection c = idle.poll();
        return wrap(c != null ? c : opener.open());
    }

    /** Connections currently idle in the pool. */
    public int idleCount() {
        return idle.size();
    }

    private Connection wrap(Connection real) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean failed;
            private boolean closed;

            @Override
            public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
                switch (method.getName()) {
                    case "close":
                        if (!closed) {
                            closed = true;
                            if (failed || real.isClosed() || !idle.offer(real)) {
                                real.close();
                            }
                        }
                        return null;
                    case "isClosed":
                        return closed || real.isClosed();
                    default:
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            failed = true;
                            throw e.getCause();
                        }
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing an idle connection on shutdown: nothing is lost
            }
        }
    }
}
