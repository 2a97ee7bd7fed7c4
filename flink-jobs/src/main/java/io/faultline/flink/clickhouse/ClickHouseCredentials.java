package io.faultline.flink.clickhouse;

import java.io.Serializable;
import java.util.Map;

/**
 * Who the sink logs in as, resolved when a writer opens (on the task manager). The environment
 * source keeps the password out of the job graph, which Flink ships to the cluster and stores;
 * {@link #of} carries it inside, so it is meant for tests against a throw-away server.
 */
@FunctionalInterface
public interface ClickHouseCredentials extends Serializable {

    Login resolve();

    /** A user and password; toString leaves the password out. */
    record Login(String user, String password) implements Serializable {

        @Override
        public String toString() {
            return "Login[user=" + user + "]";
        }
    }

    /** FAULTLINE_CLICKHOUSE_USER (default 'default') and FAULTLINE_CLICKHOUSE_PASSWORD (default empty), read on the task manager. */
    static ClickHouseCredentials fromEnvironment() {
        return () -> {
            Map<String, String> env = System.getenv();
            return new Login(env.getOrDefault(ClickHouseSinkConfig.ENV_USER, "default"),
                    env.getOrDefault(ClickHouseSinkConfig.ENV_PASSWORD, ""));
        };
    }

    static ClickHouseCredentials of(String user, String password) {
        Login login = new Login(user, password);
        return () -> login;
    }
}
