package io.faultline.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonCacheTest {

    private final JsonCache cache = new JsonCache(new ObjectMapper());
    private final AtomicInteger computed = new AtomicInteger();

    private List<String> answer(String value) {
        computed.incrementAndGet();
        return List.of(value);
    }

    @Test
    void sameVersionServesTheSameBytesWithoutRecomputing() throws Exception {
        byte[] first = cache.get("k", OptionalLong.of(7), () -> answer("a"));
        byte[] second = cache.get("k", OptionalLong.of(7), () -> answer("b"));
        assertThat(new String(second)).isEqualTo("[\"a\"]");
        assertThat(second).isSameAs(first);
        assertThat(computed).hasValue(1);
    }

    @Test
    void aNewVersionRecomputes() throws Exception {
        cache.get("k", OptionalLong.of(7), () -> answer("a"));
        assertThat(new String(cache.get("k", OptionalLong.of(8), () -> answer("b")))).isEqualTo("[\"b\"]");
        assertThat(computed).hasValue(2);
    }

    @Test
    void keysAreCachedApart() throws Exception {
        cache.get("open", OptionalLong.of(1), () -> answer("a"));
        assertThat(new String(cache.get("all", OptionalLong.of(1), () -> answer("b")))).isEqualTo("[\"b\"]");
    }

    @Test
    void anUnversionedStoreIsSerialisedEveryTime() throws Exception {
        cache.get("k", OptionalLong.empty(), () -> answer("a"));
        assertThat(new String(cache.get("k", OptionalLong.empty(), () -> answer("b")))).isEqualTo("[\"b\"]");
        assertThat(computed).hasValue(2);
    }
}
