package io.faultline.app.evaluate;

import io.faultline.avro.CatalogEntry;
import io.faultline.core.correlation.Incident;
import io.faultline.core.evaluation.NetworkExpectation;
import io.faultline.core.evaluation.NetworkScore;
import io.faultline.core.evaluation.NetworkScorer;
import io.faultline.ingestion.evaluation.ExpectedOutcomes;
import io.faultline.ingestion.probe.NetworkTagger;
import io.faultline.ingestion.replay.ReplayOptions;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Network replays ({@code replays/network/<id>}, expected.json with {@code "kind": "network"}): a day of
 * RIPE Atlas connection events through the same pipeline code as any replay, the probe-derived
 * incidents scored by {@link NetworkScorer}: every published outage detected, start and end errors
 * in minutes, false alarms per day.
 */
final class NetworkEvaluation {

    private final ReplayEvaluator evaluator;
    private final List<CatalogEntry> catalog;
    private final NetworkTagger tagger;

    NetworkEvaluation(ReplayEvaluator evaluator, List<CatalogEntry> catalog, NetworkTagger tagger) {
        this.evaluator = evaluator;
        this.catalog = catalog;
        this.tagger = tagger;
    }

    NetworkScore evaluate(Path replayDir) throws Exception {
        NetworkExpectation expectation = ExpectedOutcomes.readNetwork(replayDir.resolve("expected.json"));
        Path events = replayDir.resolve(expectation.eventsFile());
        if (!Files.isRegularFile(events)) {
            throw new IllegalArgumentException(replayDir.resolve("expected.json") + ": events file '"
                    + expectation.eventsFile() + "' is not in " + replayDir);
        }
        ReplayEvaluator.Streamed streamed = ReplayEvaluator.streams(events, ReplayOptions.defaults().withTagger(tagger),
                catalog);
        List<Incident> revisions = evaluator.correlate(catalog, streamed.health(), streamed.signals(), streamed.last());
        java.time.Instant first = streamed.signals().stream().map(s -> s.getEventTime()).min(java.util.Comparator.naturalOrder())
                .orElse(null);
        return NetworkScorer.score(expectation, revisions, first, streamed.last());
    }

    static void header(PrintStream out) {
        out.printf("%-26s %-10s %-34s %8s %8s%n", "network replay", "event", "incident cause", "start", "end");
    }

    static void rows(PrintStream out, NetworkScore score) {
        for (NetworkScore.EventScore e : score.events()) {
            out.printf(Locale.ROOT, "%-26s %-10s %-34s %8s %8s%n", score.replayId(), e.eventId(),
                    e.detected() ? e.cause() : "MISSED", minutes(e.startError()), minutes(e.endError()));
        }
        out.printf(Locale.ROOT, "%-26s detected %d/%d, start within ±%d min: %s, end within ±%d min: %s, "
                        + "false alarms %d in %.1f day(s) (%.1f/day, allowed %d) -> %s%n",
                score.replayId(), score.detected(), score.events().size(), score.startTolerance().toMinutes(),
                score.startsWithin() ? "yes" : "NO", score.endTolerance().toMinutes(), score.endsWithin() ? "yes" : "NO",
                score.extraIncidents().size(), score.days(), score.extrasPerDay(), score.maxExtraPerDay(),
                score.passed() ? "pass" : "FAIL");
        if (!score.extraIncidents().isEmpty()) {
            out.println("    false alarms: " + String.join(", ", score.extraIncidents()));
        }
    }

    private static String minutes(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%+.1fm", d.toSeconds() / 60.0);
    }
}
