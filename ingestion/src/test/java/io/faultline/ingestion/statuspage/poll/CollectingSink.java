package io.faultline.ingestion.statuspage.poll;

import io.faultline.avro.DeadLetter;
import io.faultline.avro.StatusPageObservation;
import io.faultline.avro.StatusPagePollerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Keeps everything the poller publishes; the last state per page stands in for the compacted topic. */
final class CollectingSink implements PollerSink {

    final List<StatusPageObservation> observations = new ArrayList<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final Map<String, StatusPagePollerState> states = new HashMap<>();
    boolean failNext;

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

    synchronized List<StatusPageObservation> drain() {
        List<StatusPageObservation> out = new ArrayList<>(observations);
        observations.clear();
        return out;
    }

    synchronized Map<String, StatusPagePollerState> statesCopy() {
        return new HashMap<>(states);
    }
}
