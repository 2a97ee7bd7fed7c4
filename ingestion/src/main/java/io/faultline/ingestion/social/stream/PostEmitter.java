package io.faultline.ingestion.social.stream;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import io.faultline.avro.SocialPost;
import io.faultline.ingestion.DeadLetters;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;

/**
 * The one way stream clients hand over what they parsed: posts go to the sink once (a post id seen
 * recently is skipped and counted), rejects become dead letters, and an optional post budget lets a
 * client stop after N posts. Shared by the parallel streams of one client, hence thread-safe.
 */
public final class PostEmitter {

    /** Enough for several minutes of a busy stream; repeats come from resume overlaps of seconds. */
    public static final int DEFAULT_RECENT_IDS = 100_000;

    private final SocialSink sink;
    private final Clock clock;
    private final long maxPosts;
    private final RecentKeys recent;
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong apiErrors = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();

    /** @param maxPosts stop after this many posts; 0 or less means no limit */
    public PostEmitter(SocialSink sink, Clock clock, long maxPosts) {
        this(sink, clock, maxPosts, DEFAULT_RECENT_IDS);
    }

    public PostEmitter(SocialSink sink, Clock clock, long maxPosts, int recentIds) {
        this.sink = sink;
        this.clock = clock;
        this.maxPosts = maxPosts;
        this.recent = new RecentKeys(recentIds);
    }

    public synchronized void emit(ParseOutcome<SocialPost> outcome) {
        for (SocialPost p : outcome.records()) {
            if (done()) {
                return; // over budget: the caller stops reading; later posts stay on the platform
            }
            if (recent.add(p.getPostId())) {
                sink.post(p);
                posts.incrementAndGet();
            } else {
                duplicates.incrementAndGet();
            }
        }
        outcome.rejected().forEach(this::reject);
    }

    public void reject(Rejected r) {
        sink.deadLetter(DeadLetters.of(r, clock.instant()));
        deadLetters.incrementAndGet();
    }

    /** True once the post budget is spent. */
    public boolean done() {
        return maxPosts > 0 && posts.get() >= maxPosts;
    }

    public void duplicateEvent() {
        duplicates.incrementAndGet();
    }

    public void apiError() {
        apiErrors.incrementAndGet();
    }

    public void connected() {
        connections.incrementAndGet();
    }

    public void stalled() {
        stalls.incrementAndGet();
    }

    public Clock clock() {
        return clock;
    }

    public StreamStats stats() {
        return new StreamStats(posts.get(), duplicates.get(), deadLetters.get(), apiErrors.get(), connections.get(),
                stalls.get());
    }
}
