package io.faultline.ingestion;

import java.util.ArrayList;
import java.util.List;

/**
 * What a parser made of one input: the records it could read and the parts it could not.
 * Parsers return this instead of throwing, so one bad element never hides the good ones
 * around it.
 */
public record ParseOutcome<T>(List<T> records, List<Rejected> rejected) {

    public ParseOutcome {
        records = List.copyOf(records);
        rejected = List.copyOf(rejected);
    }

    public static <T> ParseOutcome<T> of(List<T> records) {
        return new ParseOutcome<>(records, List.of());
    }

    public static <T> ParseOutcome<T> rejected(Rejected r) {
        return new ParseOutcome<>(List.of(), List.of(r));
    }

    /** Both outcomes together, records in order. */
    public ParseOutcome<T> plus(ParseOutcome<T> other) {
        List<T> rs = new ArrayList<>(records);
        rs.addAll(other.records);
        List<Rejected> rj = new ArrayList<>(rejected);
        rj.addAll(other.rejected);
        return new ParseOutcome<>(rs, rj);
    }
}
