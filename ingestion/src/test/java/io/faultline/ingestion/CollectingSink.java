package io.faultline.ingestion;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.SocialPost;
import io.faultline.avro.StatusPageObservation;
import io.faultline.avro.StatusPagePollerState;
import io.faultline.ingestion.probe.AtlasImport;
import io.faultline.ingestion.social.stream.SocialSink;
import io.faultline.ingestion.statuspage.poll.PollerSink;

/**
 * The one test sink of the ingestion tests: keeps everything the social stream clients, the
 * status-page poller and a RIPE Atlas import publish, thread-safe (the clients and the poller write from their own
 * threads). The last poller state per page stands in for the compacted topic.
 */
public final class CollectingSink implements SocialSink, PollerSink, AtlasImport.Output {

    public final List<SocialPost> posts = Collections.synchronizedList(new ArrayList<>());
    public final List<StatusPageObservation> observations = Collections.synchronizedList(new ArrayList<>());
    public final List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());
    public final Map<String, StatusPagePollerState> states = Collections.synchronizedMap(new HashMap<>());
    public final List<ProbeResult> results = Collections.synchronizedList(new ArrayList<>());
    public final List<ProbeConnectionEvent> connections = Collections.synchronizedList(new ArrayList<>());
    public final List<Rejected> rejected = Collections.synchronizedList(new ArrayList<>());
    /** When set, the next {@link #publish} fails as a broker outage would (once). */
    public volatile boolean failNext;

    @Override
    public void post(SocialPost post) {
        posts.add(post);
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    @Override
    public void result(ProbeResult result) {
        results.add(result);
    }

    @Override
    public void connection(ProbeConnectionEvent event) {
        connections.add(event);
    }

    @Override
    public void rejected(Rejected r) {
        rejected.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public synchronized void publish(String pageId, List<StatusPageObservation> changes, List<DeadLetter> dead,
                                     StatusPagePollerState state) {
        if (failNext) {
            failNext = false;
            throw new IllegalStateException("broker unavailable (test)");
        }
        observations.addAll(changes);
        deadLetters.addAll(dead);
        if (state != null) {
            states.put(pageId, state);
        }
    }

    /** The observations published since the last drain. */
    public synchronized List<StatusPageObservation> drain() {
        synchronized (observations) {
            List<StatusPageObservation> out = new ArrayList<>(observations);
            observations.clear();
            return out;
        }
    }

    public Map<String, StatusPagePollerState> statesCopy() {
        synchronized (states) {
            return new HashMap<>(states);
        }
    }

    public List<String> postIds() {
        synchronized (posts) {
            return posts.stream().map(SocialPost::getPostId).toList();
        }
    }

    public List<String> deadLetterTypes() {
        synchronized (deadLetters) {
            return deadLetters.stream().map(DeadLetter::getErrorType).toList();
        }
    }
}
