package io.faultline.ingestion.probe;

import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.avro.specific.SpecificRecord;

import io.faultline.ingestion.ParseOutcome;

/**
 * Reads any RIPE Atlas message: a measurement result becomes a ProbeResult, a connection event
 * (measurement 7000, {@code "type":"connection"} or an {@code event} without a result type) a
 * ProbeConnectionEvent, so one directory can hold both kinds of file. Both pass through the
 * {@link NetworkTagger} with the probe's own address ({@code from}) when the record lacks its ASN.
 */
public final class AtlasRecordParser implements AtlasLineParser<SpecificRecord> {

    private final AtlasResultParser results;
    private final AtlasConnectionEventParser connections;
    private final NetworkTagger tagger;

    public AtlasRecordParser(Clock clock, TargetResolver resolver, NetworkTagger tagger) {
        this.results = new AtlasResultParser(clock, resolver);
        this.connections = new AtlasConnectionEventParser(clock);
        this.tagger = tagger;
    }

    @Override
    public ParseOutcome<SpecificRecord> parseLine(String json, Map<String, String> context) {
        return AtlasJson.each(AtlasResultParser.SOURCE, json, context, this::toRecord);
    }

    private SpecificRecord toRecord(JsonNode n) {
        String type = AtlasJson.text(n, "type");
        if ("connection".equals(type) || (type == null && n.has("event"))) {
            return tagger.tag(connections.toEvent(n));
        }
        return tagger.tag(results.toResult(n), AtlasJson.text(n, "from"));
    }
}
