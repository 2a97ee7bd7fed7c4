package io.faultline.app.evaluate;

import io.faultline.app.ErrorReport;

import io.faultline.ingestion.evaluation.ExpectedOutcomes;
import io.faultline.avro.CatalogEntry;
import io.faultline.ingestion.catalog.CatalogYaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code faultline evaluate [PATH...]}: runs every replay through the pipeline's own code and
 * prints how it did against each replay's expected.json.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Replay past outages through the pipeline (streams logic + the correlation job in Flink BATCH "
                + "mode) and score them against their expected.json: detected, time to incident, lead over the "
                + "provider's acknowledgement, cause named (top-1), services found, false incidents; then precision "
                + "and recall over the library.",
                "Each replay is scored twice unless --catalog-view says otherwise: with all catalog edges, and "
                        + "held out (without the edges whose source is one of that replay's own sources)."})
public final class EvaluateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "A replays/ folder (every subfolder with an expected.json) or single replay folders "
                    + "(default: replays).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--catalog", description = "Catalog folder (default: ${DEFAULT-VALUE}).", defaultValue = "catalog")
    Path catalogDir;

    @Option(names = "--engine", description = "FLINK_BATCH (the correlation job in Flink batch mode) or CORE "
            + "(the engine without Flink; same decisions, faster). Default: ${DEFAULT-VALUE}.", defaultValue = "FLINK_BATCH")
    ReplayEvaluator.Engine engine;

    @Option(names = "--catalog-view", split = ",", description = "ALL_EDGES, HELD_OUT or both (default: ${DEFAULT-VALUE}).",
            defaultValue = "ALL_EDGES,HELD_OUT")
    List<ReplayEvaluator.CatalogView> views;

    @Option(names = "--require-pass", description = "Exit 1 unless every replay passes with all catalog edges "
            + "(and every network replay passes).")
    boolean requirePass;

    @picocli.CommandLine.Mixin
    io.faultline.app.AsnDataOption asnData = new io.faultline.app.AsnDataOption();

    @Override
    public Integer call() throws Exception {
        List<Path> all = replayFolders(paths.isEmpty() ? defaultFolders() : paths);
        // a replay that cannot be read is skipped with a warning and the exit code says so (3, partial)
        java.util.Map<Path, String> unreadable = new java.util.LinkedHashMap<>();
        List<Path> networks = new ArrayList<>();
        for (Path p : all) {
            try {
                if (ExpectedOutcomes.isNetwork(p.resolve("expected.json"))) {
                    networks.add(p);
                }
            } catch (RuntimeException e) {
                unreadable.put(p, ErrorReport.message(e));
            }
        }
        List<Path> replays = all.stream().filter(p -> !networks.contains(p) && !unreadable.containsKey(p)).toList();
        List<CatalogEntry> catalog = CatalogYaml.load(catalogDir, Instant.EPOCH).requireValid();
        ReplayEvaluator evaluator = new ReplayEvaluator(catalog, engine);
        System.out.printf("evaluating %d replays against %s (%d entries), engine %s%n%n", replays.size(), catalogDir,
                catalog.size(), engine);
        EvaluationTable.header(System.out);
        List<ReplayEvaluator.Result> results = new ArrayList<>();
        for (ReplayEvaluator.CatalogView view : views) {
            for (Path replay : replays) {
                if (unreadable.containsKey(replay)) {
                    continue;
                }
                ReplayEvaluator.Result result;
                try {
                    result = evaluator.evaluate(replay, view);
                } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                    unreadable.put(replay, ErrorReport.message(e));
                    System.out.printf("%-26s skipped: unreadable (see below)%n", replay.getFileName());
                    continue;
                }
                results.add(result);
                EvaluationTable.row(System.out, result);
            }
        }
        System.out.println();
        for (ReplayEvaluator.CatalogView view : views) {
            EvaluationTable.summary(System.out, view == ReplayEvaluator.CatalogView.ALL_EDGES ? "all" : "held-out",
                    results.stream().filter(r -> r.view() == view).map(ReplayEvaluator.Result::score).toList());
        }
        System.out.println("\ndet: one incident, whatever its cause, held at least half of the affected services (held: the most "
                + "one incident held); named: the best-matching incident named the expected cause.");
        System.out.println("+1st-imp: incident opened after the first expected service the pipeline saw impaired; "
                + "+1st-sig: after the documented first signal; lead-ack: ahead of the provider's acknowledgement.");
        boolean allPass = results.stream().filter(r -> r.view() == ReplayEvaluator.CatalogView.ALL_EDGES)
                .allMatch(r -> r.score().passed());
        if (!networks.isEmpty()) {
            // the ASN data is loaded once (hundreds of thousands of ranges) and serves every network replay
            io.faultline.ingestion.probe.NetworkTagger tagger = asnData.tagger();
            System.out.printf("%nnetwork replays (RIPE Atlas connection events; networks from the events' ASN%s):%n",
                    tagger == io.faultline.ingestion.probe.NetworkTagger.NONE ? " only: no ASN data installed"
                            : ", organisation and country from the ASN data");
            NetworkEvaluation network = new NetworkEvaluation(evaluator, catalog, tagger);
            NetworkEvaluation.header(System.out);
            for (Path replay : networks) {
                io.faultline.core.evaluation.NetworkScore score;
                try {
                    score = network.evaluate(replay);
                } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                    unreadable.put(replay, ErrorReport.message(e));
                    continue;
                }
                NetworkEvaluation.rows(System.out, score);
                allPass &= score.passed();
            }
        }
        if (!unreadable.isEmpty()) {
            System.err.printf("faultline evaluate: warning: %d of %d replays skipped, unreadable:%n", unreadable.size(), all.size());
            unreadable.forEach((p, why) -> System.err.println("  " + p + ": " + why));
            return unreadable.size() == all.size() ? ErrorReport.BAD_INPUT : ErrorReport.PARTIAL;
        }
        return requirePass && !allPass ? 1 : 0;
    }

    /** replays/ and, when present, replays/network/. */
    private static List<Path> defaultFolders() {
        Path network = Path.of("replays", "network");
        return Files.isDirectory(network) ? List.of(Path.of("replays"), network) : List.of(Path.of("replays"));
    }

    private static boolean unreadableFolder(Path p) {
        return Files.isDirectory(p) && !(Files.isReadable(p) && Files.isExecutable(p));
    }

    /** The replay folders under the given paths: a folder with expected.json is one; else its children that are. */
    static List<Path> replayFolders(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p.resolve("expected.json"))) {
                out.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> children = Files.list(p)) {
                    // a subfolder we may not read could be a replay: keep it, so it is reported unreadable, not dropped
                    children.filter(c -> Files.isRegularFile(c.resolve("expected.json")) || unreadableFolder(c)).sorted()
                            .forEach(out::add);
                }
            } else {
                throw new IllegalArgumentException(p + ": not a replay folder (no expected.json) nor a folder of them");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no replay folders with an expected.json under " + paths);
        }
        return out;
    }
}
