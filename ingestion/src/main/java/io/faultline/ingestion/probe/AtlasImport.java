package io.faultline.ingestion.probe;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;

import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeResult;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;

/**
 * Imports RIPE Atlas files (result downloads, measurement-7000 dumps, NDJSON, gzip, directories)
 * or a stream of streaming-API frames ({@code ["atlas_result", {...}]} per line) into an
 * {@link Output}: results, connection events and the rejected rest, each as it is read.
 */
public final class AtlasImport {

    /** Where imported records go; the Kafka implementation is {@link ProbeKafkaSink}. */
    public interface Output {
        void result(ProbeResult result);

        void connection(ProbeConnectionEvent event);

        void rejected(Rejected rejected);
    }

    /** How many of each came out of one import. */
    public record Counts(long results, long connections, long rejected) {
        @Override
        public String toString() {
            return results + " results, " + connections + " connection events, " + rejected + " rejected";
        }
    }

    private AtlasImport() {
    }

    public static Counts importPath(Path fileOrDir, AtlasRecordParser parser, Output out) {
        Counter c = new Counter(out);
        AtlasFiles.forEach(fileOrDir, parser, c);
        return c.counts();
    }

    /** {@code name} goes into rejected records' context (e.g. "stdin"). */
    public static Counts importStream(InputStream in, String name, AtlasRecordParser parser, Output out) {
        Counter c = new Counter(out);
        AtlasFiles.forEach(in, name, parser, c);
        return c.counts();
    }

    private static final class Counter implements Consumer<ParseOutcome<SpecificRecord>> {
        final Output out;
        final AtomicLong results = new AtomicLong();
        final AtomicLong connections = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();

        Counter(Output out) {
            this.out = out;
        }

        @Override
        public void accept(ParseOutcome<SpecificRecord> o) {
            for (SpecificRecord r : o.records()) {
                if (r instanceof ProbeResult pr) {
                    out.result(pr);
                    results.incrementAndGet();
                } else if (r instanceof ProbeConnectionEvent ev) {
                    out.connection(ev);
                    connections.incrementAndGet();
                }
            }
            for (Rejected r : o.rejected()) {
                out.rejected(r);
                rejected.incrementAndGet();
            }
        }

        Counts counts() {
            return new Counts(results.get(), connections.get(), rejected.get());
        }
    }
}
