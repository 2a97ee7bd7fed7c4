package io.faultline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RegistryConfigTest {

    @Test
    void parsesUrlsAndTakesCredentialsFromTheEnvironment() {
        RegistryConfig c = RegistryConfig.of("http://a:8081, https://b:8081", false,
                Map.of(RegistryConfig.ENV_USER_INFO, "svc:secret"));
        assertThat(c.urls()).hasSize(2);
        assertThat(c.autoRegister()).isFalse();
        assertThat(c.userInfo()).contains("svc:secret");
        assertThat(c.bearerToken()).isEmpty();
    }

    @Test
    void badUrlsFailNamingTheSetting() {
        assertThatThrownBy(() -> RegistryConfig.of("", true, Map.of())).hasMessageContaining("schema registry url");
        assertThatThrownBy(() -> RegistryConfig.of("localhost:8081", true, Map.of()))
                .hasMessageContaining("schema registry url").hasMessageContaining("http");
    }
}
