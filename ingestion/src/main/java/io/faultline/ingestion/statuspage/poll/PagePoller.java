package io.faultline.ingestion.statuspage.poll;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.StatusPageObservation;
import io.faultline.avro.StatusPagePollerState;
import io.faultline.ingestion.DeadLetters;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;
import io.faultline.ingestion.statuspage.ChangeDetection;
import io.faultline.ingestion.statuspage.ChangeDetector;
import io.faultline.ingestion.statuspage.PageSnapshot;
import io.faultline.ingestion.statuspage.poll.FetchResult.Failure;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one page once: conditional GET of each endpoint, parse, compare with what was last seen,
 * publish the changes. Holds the per-page memory (restored from the state topic at start). One
 * page is never polled by two threads at once (the runner guarantees it); different pages are.
 *
 * <p>A page whose every endpoint has been read before is compared with its memory. Otherwise (a
 * new page, or an endpoint never read) the read counts as a first read: only what is wrong now is
 * reported, and nothing is committed unless every endpoint was read, so a page whose
 * incidents.json fails once does not later replay 50 old incidents as new.
 *
 * <p>A body that cannot be parsed goes to the dead-letter topic whole (up to
 * {@link #MAX_DEAD_LETTER_PAYLOAD}; Kafka's default message limit is 1 MB) and its validators are
 * kept; the same bad body served again (no validators, or on a first read, where nothing is
 * committed) is not dead-lettered again while this process runs. Parts a parser rejected inside an
 * otherwise readable body are dead-lettered each time the body is read (a 304 reads nothing). An unreachable endpoint
 * (timeout, refused address, 404) has no bytes to keep: it is logged and reported in the result.
 */
public final class PagePoller {

    /** Largest payload put on a dead letter; longer bodies are cut, the context says by how much. */
    public static final int MAX_DEAD_LETTER_PAYLOAD = 512 * 1024;
    static final String SOURCE = "ingest.statuspage";

    private static final Logger LOG = LoggerFactory.getLogger(PagePoller.class);

    private final PollerConfig config;
    private final HttpFetcher fetcher;
    private final PollerSink sink;
    private final Clock clock;
    private final Parsers parsers = new Parsers();
    private final ChangeDetector detector = new ChangeDetector();
    private final Map<String, PageMemory> memory = new ConcurrentHashMap<>();
    /** Per endpoint, a digest of the last body dead-lettered, so an unchanging bad body is kept once, not every poll. */
    private final Map<String, Integer> lastDeadBody = new ConcurrentHashMap<>();

    /** @param restored last state per page id, as read back from the state topic (may be empty) */
    public PagePoller(PollerConfig config, HttpFetcher fetcher, PollerSink sink, Clock clock,
                      Map<String, StatusPagePollerState> restored) {
        this.config = config;
        this.fetcher = fetcher;
        this.sink = sink;
        this.clock = clock;
        restored.forEach((id, s) -> memory.put(id, PollerStates.fromRecord(s)));
    }

    /** What is remembered of a page (for tests and diagnostics). */
    public PageMemory memory(String pageId) {
        return memory.getOrDefault(pageId, PageMemory.EMPTY);
    }

    public PollResult poll(PolledPage page) {
        PageMemory before = memory(page.pageId());
        Instant now = clock.instant();
        boolean firstRead = before.snapshot() == null
                || page.endpoints().stream().anyMatch(u -> !before.validators().containsKey(u.toString()));
        List<PageSnapshot> reads = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, Validators> validators = new LinkedHashMap<>(before.validators());
        boolean everyEndpointRead = true;
        boolean allNotModified = true;
        Failure busy = null;
        Map<String, Integer> deadBodies = new HashMap<>(); // applied to lastDeadBody once published
        for (URI endpoint : page.endpoints()) {
            String key = endpoint.toString();
            FetchResult r = fetcher.fetch(endpoint, firstRead ? Validators.NONE
                    : validators.getOrDefault(key, Validators.NONE));
            if (r instanceof FetchResult.NotModified) {
                continue;
            }
            allNotModified = false;
            if (r instanceof FetchResult.Body body) {
                ParseOutcome<PageSnapshot> parsed = parsers.parse(page, body.bytes());
                validators.put(key, body.validators());
                if (parsed.records().isEmpty()) {
                    everyEndpointRead = false;
                    int digest = Arrays.hashCode(body.bytes());
                    boolean repeat = Integer.valueOf(digest).equals(lastDeadBody.get(key));
                    deadBodies.put(key, digest);
                    if (!repeat) {
                        parsed.rejected().forEach(rj -> dead.add(deadLetter(rj, endpoint, now)));
                    }
                    errors.add(key + ": body not readable as " + page.format()
                            + (repeat ? " (same body as last time, already dead-lettered)" : " (dead-lettered)"));
                } else {
                    deadBodies.put(key, null);
                    parsed.rejected().forEach(rj -> dead.add(deadLetter(rj, endpoint, now)));
                    reads.addAll(parsed.records());
                }
            } else if (r instanceof Failure f) {
                everyEndpointRead = false;
                errors.add(key + ": " + f.kind() + ": " + f.reason());
                if (f.kind() == FetchResult.FailureKind.TOO_LARGE) {
                    dead.add(deadLetter(tooLarge(page, f), endpoint, now));
                }
                if (f.kind().retryable() && (busy == null || longer(f.retryAfter(), busy.retryAfter()))) {
                    busy = f;
                }
            }
        }
        int failures = busy == null ? 0 : before.failures() + 1;
        Duration next = busy == null ? config.interval() : backoff(failures, busy.retryAfter());

        PageMemory after = before;
        List<StatusPageObservation> observations = List.of();
        if (firstRead && !everyEndpointRead) {
            after = before; // nothing committed: see the class comment
        } else if (!reads.isEmpty()) {
            ChangeDetection d = detector.detect(firstRead ? null : before.snapshot(), Snapshots.combine(reads), now);
            observations = d.observations();
            after = new PageMemory(d.state(), validators, failures);
        } else if (!validators.equals(before.validators())) {
            after = new PageMemory(before.snapshot(), validators, failures);
        }
        boolean stateChanged = after != before && after.snapshot() != null;
        StatusPagePollerState state = stateChanged ? PollerStates.toRecord(after, now) : null;
        try {
            if (!observations.isEmpty() || !dead.isEmpty() || state != null) {
                sink.publish(page.pageId(), observations, dead, state);
            }
        } catch (RuntimeException e) {
            // the memory is left as it was, so the next poll produces the same records again
            LOG.warn("{}: could not publish {} change(s): {}", page.pageId(), observations.size(), e.toString());
            errors.add("publish: " + e);
            memory.put(page.pageId(), before.withFailures(failures));
            return new PollResult(page.pageId(), 0, 0, false, errors, next, busy != null);
        }
        memory.put(page.pageId(), after.withFailures(failures));
        deadBodies.forEach((endpoint, digest) -> {
            if (digest == null) {
                lastDeadBody.remove(endpoint);
            } else {
                lastDeadBody.put(endpoint, digest);
            }
        });
        if (!errors.isEmpty()) {
            LOG.info("{}: {} (next poll in {})", page.pageId(), String.join("; ", errors), next);
        }
        return new PollResult(page.pageId(), observations.size(), dead.size(), allNotModified, errors, next,
                busy != null);
    }

    /**
     * Wait after the {@code failures}-th retryable failure in a row: the interval doubled each
     * time, or what the server asked for if that is longer, never more than the cap. Never shorter
     * than the interval: a page in trouble is not polled more often than a healthy one.
     */
    Duration backoff(int failures, Optional<Duration> retryAfter) {
        Duration exp = config.interval().multipliedBy(1L << Math.min(failures - 1, 20));
        Duration wanted = retryAfter.filter(ra -> ra.compareTo(exp) > 0).orElse(exp);
        return wanted.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wanted;
    }

    private static boolean longer(Optional<Duration> a, Optional<Duration> b) {
        return a.isPresent() && (b.isEmpty() || a.get().compareTo(b.get()) > 0);
    }

    private static Rejected tooLarge(PolledPage page, Failure f) {
        Map<String, String> ctx = new HashMap<>();
        ctx.put("pageId", page.pageId());
        ctx.put("sampleBytes", String.valueOf(f.sample().length));
        return new Rejected(SOURCE, "TOO_LARGE", f.reason(), f.sample(), ctx);
    }

    private static DeadLetter deadLetter(Rejected r, URI endpoint, Instant at) {
        Map<String, String> ctx = new HashMap<>(r.context());
        ctx.put("endpoint", endpoint.toString());
        byte[] payload = r.payload();
        if (payload.length > MAX_DEAD_LETTER_PAYLOAD) {
            ctx.put("payloadBytes", String.valueOf(payload.length));
            ctx.put("payloadCutTo", String.valueOf(MAX_DEAD_LETTER_PAYLOAD));
            payload = Arrays.copyOf(payload, MAX_DEAD_LETTER_PAYLOAD);
        }
        return DeadLetters.of(new Rejected(r.source(), r.errorType(), r.reason(), payload, ctx), at);
    }
}
