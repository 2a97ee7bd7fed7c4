package io.faultline.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.testcontainers.DockerClientFactory;

/**
 * Skips a test that needs a ClickHouse container where no Docker engine is reachable, printing why
 * (surefire and failsafe show stdout). The module calling it declares Testcontainers itself.
 */
public final class DockerOrSkip {

    /** The ClickHouse server the Docker-only tests start (the engine-backed ones run everywhere). */
    public static final String CLICKHOUSE_IMAGE = "clickhouse/clickhouse-server:24.8";

    private DockerOrSkip() {
    }

    /** Skips the calling test, naming {@code test}, when no Docker engine answers. */
    public static void require(String test) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        String reason = test + " SKIPPED: no Docker engine reachable, so no ClickHouse container (" + CLICKHOUSE_IMAGE
                + ") can start here; it runs in .github/workflows/clickhouse-it.yml";
        if (!docker) {
            System.out.println(reason);
            System.err.println(reason);
        }
        assumeTrue(docker, reason);
    }
}
