package io.faultline.app.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.faultline.app.demo.IncidentPrinter;
import io.faultline.app.evaluate.ReplayEvaluator;
import io.faultline.avro.CatalogEntry;
import io.faultline.avro.CorrelatedIncident;
import io.faultline.flink.correlation.CorrelationJob;
import io.faultline.flink.correlation.CorrelationJobConfig;
import io.faultline.ingestion.catalog.CatalogYaml;
import io.faultline.ingestion.replay.ReplayOptions;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import io.faultline.app.ErrorReport;

/**
 * {@code faultline replay PATH --batch}: a past outage through the pipeline without Kafka, the
 * streams logic ({@code OfflinePipeline}) feeding the correlation job in Flink BATCH mode, the same
 * path {@code faultline evaluate} scores. Prints each incident revision as the demo does.
 */
final class BatchReplay {

    private BatchReplay() {
    }

    static int run(Path source, ReplayOptions options, Path catalogDir, Path incidentsOut, Path healthOut, PrintStream out)
            throws Exception {
        Path dir = catalogDir != null ? catalogDir : Path.of("catalog");
        List<CatalogEntry> catalog = CatalogYaml.load(dir, Instant.EPOCH).requireValid();
        long start = System.nanoTime();
        ReplayEvaluator.Streamed streamed = ReplayEvaluator.streams(source, options, catalog);
        out.printf("streams logic: %,d raw events -> %,d signals, %,d health changes, %d dead letters%n",
                streamed.rawEvents(), streamed.signals().size(), streamed.health().size(), streamed.deadLetters());
        List<CorrelatedIncident> revisions = CorrelationJob.runBatch(CorrelationJobConfig.defaults(), catalog,
                streamed.health(), streamed.signals());
        out.printf("correlation (Flink BATCH): %d incident revisions, %d incidents, %.1f s in all%n", revisions.size(),
                revisions.stream().map(CorrelatedIncident::getIncidentId).distinct().count(), (System.nanoTime() - start) / 1e9);
        IncidentPrinter printer = new IncidentPrinter(out);
        revisions.forEach(printer::print);
        if (incidentsOut != null) {
            write(revisions, incidentsOut);
            out.println("wrote " + revisions.size() + " revisions to " + incidentsOut);
        }
        if (healthOut != null) {
            write(streamed.health(), io.faultline.avro.ServiceHealth.getClassSchema(), healthOut);
            out.println("wrote " + streamed.health().size() + " health changes to " + healthOut);
        }
        if (streamed.rawEvents() > 0 && streamed.signals().isEmpty()) {
            System.err.printf("faultline replay: warning: none of the %,d events became a signal: probe results count only "
                    + "for targets the catalog knows (by domain or address; add them with 'faultline catalog add'), status "
                    + "and social reports only for catalog services; nothing was correlated%n", streamed.rawEvents());
            return ErrorReport.PARTIAL;
        }
        return 0;
    }

    /** One Avro JSON object per line, the form of the replay archives' lines. */
    static void write(List<CorrelatedIncident> revisions, Path file) throws IOException {
        write(revisions, CorrelatedIncident.getClassSchema(), file);
    }

    static <T> void write(List<T> records, org.apache.avro.Schema schema, Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(schema);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        // one encoder on one buffer; Jackson puts a space before each later root value, which strip() removes
        JsonEncoder enc = EncoderFactory.get().jsonEncoder(schema, (OutputStream) bytes);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (T r : records) {
                bytes.reset();
                writer.write(r, enc);
                enc.flush();
                w.write(bytes.toString(StandardCharsets.UTF_8).strip());
                w.newLine();
            }
        }
    }
}
