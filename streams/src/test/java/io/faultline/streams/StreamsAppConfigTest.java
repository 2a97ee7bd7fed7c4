package io.faultline.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsAppConfigTest {

    @TempDir
    Path dir;

    @Test
    void validSettingsGiveExactlyOnceV2Properties() {
        StreamsAppConfig c = StreamsAppConfig.of("broker-1:9092,broker-2:9092", "http://registry:8081", "faultline.",
                "faultline-streams", dir.resolve("state"));
        Properties p = c.toProperties();
        assertThat(p.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(p.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("faultline-streams");
        assertThat(p.getProperty(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(dir.resolve("state").toString());
        assertThat(c.topics().signals.name()).isEqualTo("faultline.signals");
    }

    @Test
    void eachBadSettingIsNamed() throws Exception {
        assertThatThrownBy(() -> StreamsAppConfig.of("localhost", "http://r:8081", "faultline.", "app", dir))
                .hasMessageContaining("--bootstrap-servers").hasMessageContaining("host:port");
        assertThatThrownBy(() -> StreamsAppConfig.of("localhost:9092", "", "faultline.", "app", dir))
                .hasMessageContaining("--registry-url");
        assertThatThrownBy(() -> StreamsAppConfig.of("localhost:9092", "http://r:8081", "bad prefix", "app", dir))
                .hasMessageContaining("--topic-prefix");
        assertThatThrownBy(() -> StreamsAppConfig.of("localhost:9092", "http://r:8081", "faultline.", "app id", dir))
                .hasMessageContaining("--application-id");
        Path file = Files.createFile(dir.resolve("a-file"));
        assertThatThrownBy(() -> StreamsAppConfig.of("localhost:9092", "http://r:8081", "faultline.", "app", file))
                .hasMessageContaining("--state-dir");
    }
}
