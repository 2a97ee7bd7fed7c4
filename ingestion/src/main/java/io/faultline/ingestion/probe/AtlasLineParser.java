package io.faultline.ingestion.probe;

import java.util.Map;

import io.faultline.ingestion.ParseOutcome;

/** A parser {@link AtlasFiles} can feed: one JSON text (line, message or array element) at a time. */
@FunctionalInterface
public interface AtlasLineParser<T> {

    /** Never throws: what cannot be read comes back as a Rejected with the text and context. */
    ParseOutcome<T> parseLine(String json, Map<String, String> context);
}
