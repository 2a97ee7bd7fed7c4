package io.faultline.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.faultline.api.live.InMemoryLiveStore;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    @Test
    void documentIsValidOpenApi31() {
        String text = new String(TimelineApi.openApiDocument(), StandardCharsets.UTF_8);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, null);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedPathIsARoute() throws Exception {
        Set<String> documented = new TreeSet<>();
        var openApi = new OpenAPIV3Parser().readContents(new String(TimelineApi.openApiDocument(), StandardCharsets.UTF_8), null, null)
                .getOpenAPI();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> documented.add(method.name() + " " + path)));
        Set<String> registered = new TreeSet<>();
        try (TimelineApi api = TimelineApi.start(new ApiConfig(0, Optional.of("t"), List.of(), Duration.ofSeconds(1)),
                new InMemoryLiveStore(), Optional.empty(), Clock.systemUTC())) {
            registered.addAll(api.routes());
            var served = new ApiClient(api.port()).get("/openapi.json");
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.body().get("openapi").asText()).isEqualTo("3.1.0");
        }
        assertThat(registered).hasSizeGreaterThanOrEqualTo(9);
        assertThat(registered).isEqualTo(documented);
    }
}
