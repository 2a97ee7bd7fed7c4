package io.faultline.ingestion.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link TimelineReplayGenerator} makes of a timeline: how many events of each kind, from
 * which facts, and which facts it could not use (with the reason).
 */
public record GenerationReport(String replayId, Map<RawKind, Long> counts, List<String> facts, List<String> skipped) {

    public GenerationReport {
        counts = Map.copyOf(counts);
        facts = List.copyOf(facts);
        skipped = List.copyOf(skipped);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public long count(RawKind kind) {
        return counts.getOrDefault(kind, 0L);
    }

    /** Human-readable lines: the counts, each fact used, each fact skipped. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("RECONSTRUCTED replay " + replayId + ": " + total() + " events (" + count(RawKind.STATUS_PAGE)
                + " status-page, " + count(RawKind.PROBE) + " probe, " + count(RawKind.SOCIAL) + " social, "
                + count(RawKind.PROBE_CONNECTION) + " probe-connection)");
        facts.forEach(f -> out.add("  from: " + f));
        skipped.forEach(s -> out.add("  not generated: " + s));
        return out;
    }
}
