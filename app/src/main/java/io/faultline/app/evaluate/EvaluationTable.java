package io.faultline.app.evaluate;

import io.faultline.core.evaluation.LibraryScore;
import io.faultline.core.evaluation.ReplayScore;

import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;

/** Prints evaluation results as a fixed-width table and a precision / recall summary. */
final class EvaluationTable {

    private static final String ROW = "%-26s %-9s %-4s %7s %-15s %-5s %-6s %9s %9s %9s %7s %5s %5s  %s%n";
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private EvaluationTable() {
    }

    static void header(PrintStream out) {
        out.printf(ROW, "replay", "catalog", "det", "held", "cause named", "named", "opened", "+1st-imp", "+1st-sig",
                "lead-ack", "found", "inc", "false", "forbidden blames");
    }

    static void row(PrintStream out, ReplayEvaluator.Result result) {
        ReplayScore s = result.score();
        out.printf(ROW, s.replayId(), result.view() == ReplayEvaluator.CatalogView.ALL_EDGES ? "all" : "held-out",
                s.detected() ? "yes" : "NO", s.servicesHeld() + "/" + s.servicesExpected(),
                s.servicesFound() > 0 ? cause(s.namedCause()) : "-", s.causeCorrect() ? "yes" : "NO",
                s.openedAt() == null ? "-" : HHMM.format(s.openedAt()), minutes(s.sinceFirstImpaired()),
                minutes(s.sinceFirstSignal()), minutes(s.leadOverAck()),
                s.servicesFound() + "/" + s.servicesExpected(), s.incidents(), s.falseIncidents(),
                s.forbiddenBlames().isEmpty() ? "-" : String.join(",", s.forbiddenBlames()));
    }

    static void summary(PrintStream out, String label, List<ReplayScore> scores) {
        LibraryScore library = LibraryScore.of(scores);
        out.printf("%-9s replays %d: detection %d/%d = %.2f, naming %d/%d = %.2f; incidents %d (%d correct), "
                        + "forbidden blames in %d -> precision %.2f%n", label, library.replays(), library.detected(),
                library.replays(), library.detectionRate(), library.causesCorrect(), library.replays(), library.recall(),
                library.incidents(), library.correctIncidents(), library.forbiddenBlames(), library.precision());
    }

    private static String cause(String id) {
        return id == null ? "(unknown)" : id;
    }

    /** Signed whole minutes, or "-" when not measurable. */
    static String minutes(Duration d) {
        if (d == null) {
            return "-";
        }
        long m = d.toMinutes();
        return (m > 0 ? "+" : "") + m + "m";
    }
}
