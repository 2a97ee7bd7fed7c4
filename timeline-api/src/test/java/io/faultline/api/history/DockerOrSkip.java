package io.faultline.api.history;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.testcontainers.DockerClientFactory;

/** Skips a ClickHouse integration test where no Docker engine is reachable, printing why (surefire shows stdout). */
final class DockerOrSkip {

    static final String IMAGE = "clickhouse/clickhouse-server:24.8";

    private DockerOrSkip() {
    }

    static void require(String test) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        String reason = test + " SKIPPED: no Docker engine reachable, so no ClickHouse container (" + IMAGE
                + ") can start here; it runs in .github/workflows/clickhouse-it.yml";
        if (!docker) {
            System.out.println(reason);
            System.err.println(reason);
        }
        assumeTrue(docker, reason);
    }
}
