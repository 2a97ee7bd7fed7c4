package io.faultline.app.discover;

import io.faultline.core.catalog.DependencyGraph;
import io.faultline.core.correlation.ComponentStatus;
import io.faultline.core.correlation.CorrelationConfig;
import io.faultline.core.correlation.CorrelationEngine;
import io.faultline.core.correlation.CorrelationInput;
import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.correlation.HealthUpdate;
import io.faultline.core.correlation.Incident;
import io.faultline.core.correlation.Replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The incidents the correlation core opens over a health history (what {@code evaluate} does with
 * one replay), so that confirmed ones can propose the edges they imply. A history's components
 * appear as their own DOWN/UP ({@link HealthHistory}); they go back to the engine as status-page
 * inputs. The history is cut wherever nothing happens for longer than the engine keeps an
 * incident open (replays years apart), and each part runs on a fresh engine, so a tick loop never
 * walks the years between them.
 */
public final class HistoryIncidents {

    private HistoryIncidents() {
    }

    public static List<Incident> of(HealthHistory history, DependencyGraph graph, CorrelationConfig config) {
        List<CorrelationInput> inputs = new ArrayList<>(history.updates().size());
        for (HealthUpdate u : history.updates()) {
            int i = graph.indexOf(u.serviceId());
            if (i >= 0 && !graph.isService(i)) {
                inputs.add(new ComponentStatus(u.serviceId(), u.state() == HealthLevel.DOWN, u.time()));
            } else {
                inputs.add(u);
            }
        }
        inputs.sort(Comparator.comparing(CorrelationInput::time));
        Duration gap = config.maxOpen();
        List<Incident> revisions = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= inputs.size(); i++) {
            if (i == inputs.size() || Duration.between(inputs.get(i - 1).time(), inputs.get(i).time()).compareTo(gap) > 0) {
                List<CorrelationInput> part = inputs.subList(start, i);
                Replay.run(CorrelationEngine.create(graph, config), part.iterator(),
                        part.get(part.size() - 1).time().plus(Duration.ofHours(1)), revisions::add);
                start = i;
            }
        }
        return revisions;
    }
}
