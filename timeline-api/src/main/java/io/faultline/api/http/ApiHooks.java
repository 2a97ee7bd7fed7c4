package io.faultline.api.http;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the process around the API adds to it: the registry its meters go to ({@link ApiMeters}),
 * and the readiness of what feeds it (name of a failing check to its problem; empty = ready), which
 * {@code /readyz} reports beside the API's own check of the history store.
 */
public record ApiHooks(MeterRegistry meters, Supplier<Map<String, String>> readiness) {

    public ApiHooks {
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(readiness, "readiness");
    }

    /** Meters kept in memory only, nothing outside to check. */
    public static ApiHooks none() {
        return new ApiHooks(new SimpleMeterRegistry(), Map::of);
    }
}
