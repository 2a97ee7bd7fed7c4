package io.faultline.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pool's rules, on stand-in connections (a real server cannot be made to fail one call on cue). */
class PooledConnectionsTest {

    final List<boolean[]> opened = new ArrayList<>();

    /** A connection whose prepareStatement fails when asked to, and that records whether it was closed. */
    Connection fake() {
        boolean[] closed = {false};
        opened.add(closed);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        closed[0] = true;
                        yield null;
                    }
                    case "isClosed" -> closed[0];
                    case "prepareStatement" -> throw new SQLException("server said no");
                    case "getSchema" -> "faultline";
                    default -> null;
                });
    }

    @Test
    void aClosedConnectionIsReusedAndAFailedOneIsNot() throws Exception {
        PooledConnections pool = new PooledConnections(this::fake, 2);
        try (Connection c = pool.open()) {
            assertThat(c.getSchema()).isEqualTo("faultline");
        }
        try (Connection c = pool.open()) {
            assertThat(c.getSchema()).isEqualTo("faultline");
        }
        assertThat(opened).hasSize(1);
        assertThat(pool.idleCount()).isEqualTo(1);

        Connection broken = pool.open();
        assertThatThrownBy(() -> broken.prepareStatement("SELECT 1")).hasMessage("server said no");
        broken.close();
        assertThat(opened.get(0)[0]).as("a connection a call failed on is closed for real").isTrue();
        assertThat(pool.idleCount()).isZero();
    }

    @Test
    void atMostMaxIdleConnectionsAreKeptAndCloseEmptiesThePool() throws Exception {
        PooledConnections pool = new PooledConnections(this::fake, 2);
        Connection a = pool.open();
        Connection b = pool.open();
        Connection c = pool.open();
        a.close();
        b.close();
        c.close();
        assertThat(opened).hasSize(3);
        assertThat(pool.idleCount()).isEqualTo(2);
        assertThat(opened.get(2)[0]).as("the third one found the pool full").isTrue();
        pool.close();
        assertThat(opened).allSatisfy(closed -> assertThat(closed[0]).isTrue());
    }
}
