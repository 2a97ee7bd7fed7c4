package io.faultline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up checks name what is wrong with an address, at once where there is nothing to wait for. */
class KafkaReachabilityTest {

    @Test
    void aRegistryUrlWithAWrongPathIsNamedAsSuch() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/wrong";
            assertThatThrownBy(() -> KafkaReachability.requireRegistry(url))
                    .isInstanceOfSatisfying(ErrorReport.ExitCodeException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ErrorReport.UNREACHABLE))
                    .hasMessageContaining("no schema registry API at " + url)
                    .hasMessageContaining("check the path of --registry-url");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBrokerAddressNothingListensOnFailsAtOnce() throws Exception {
        int port = CommandLineMistakesTest.closedPort();
        Instant start = Instant.now();
        assertThatThrownBy(() -> KafkaReachability.require("127.0.0.1:" + port, List.of("faultline.catalog")))
                .isInstanceOfSatisfying(ErrorReport.ExitCodeException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ErrorReport.UNREACHABLE))
                .hasMessageContaining("127.0.0.1:" + port + " refused the connection");
        assertThat(Duration.between(start, Instant.now())).isLessThan(KafkaReachability.WAIT);
    }

    @Test
    void anAddressWithoutPortIsAUsageError() {
        assertThatThrownBy(() -> KafkaReachability.requireAddresses("localhost:9092,kafka-2"))
                .isInstanceOfSatisfying(ErrorReport.ExitCodeException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ErrorReport.USAGE))
                .hasMessageContaining("'kafka-2' is not host:port");
    }
}
