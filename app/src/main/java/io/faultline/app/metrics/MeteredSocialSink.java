package io.faultline.app.metrics;

import java.util.function.Supplier;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.SocialPost;
import io.faultline.ingestion.social.stream.SocialSink;
import io.faultline.ingestion.social.stream.StreamStats;
import io.faultline.schemas.Topics;
import io.faultline.streams.PipelineMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A {@link SocialSink} that counts what passes: posts as {@code faultline_records_out_total{stage="ingest-social"}},
 * dead letters by error type; and the stream client's own figures as counters
 * ({@code faultline_social_stream_*_total{platform}}: API errors, connections, stalls, duplicates).
 */
public final class MeteredSocialSink implements SocialSink {

    public static final String STAGE = "ingest-social";

    private final SocialSink sink;
    private final PipelineMeters meters;
    private final String topic;

    public MeteredSocialSink(SocialSink sink, PipelineMeters meters, Topics topics) {
        this.sink = sink;
        this.meters = meters;
        this.topic = topics.rawSocial.name();
    }

    public static void bindStats(MeterRegistry registry, String platform, Supplier<StreamStats> stats) {
        counter(registry, "faultline.social.stream.api.errors", "Errors answered by the platform's streaming API", platform,
                () -> stats.get().apiErrors());
        counter(registry, "faultline.social.stream.connections", "Connections opened to the streaming API", platform,
                () -> stats.get().connections());
        counter(registry, "faultline.social.stream.stalls", "Streams that went silent and were reconnected", platform,
                () -> stats.get().stalls());
        counter(registry, "faultline.social.stream.duplicates", "Posts seen again and dropped", platform,
                () -> stats.get().duplicates());
    }

    private static void counter(MeterRegistry registry, String name, String description, String platform,
                                Supplier<Long> value) {
        FunctionCounter.builder(name, value, v -> v.get()).description(description).tag("platform", platform)
                .register(registry);
    }

    @Override
    public void post(SocialPost post) {
        sink.post(post);
        meters.out(STAGE, topic);
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        sink.deadLetter(deadLetter);
        meters.deadLetter(STAGE, deadLetter.getErrorType());
    }

    @Override
    public void flush() {
        sink.flush();
    }

    @Override
    public void close() {
        sink.close();
    }
}
