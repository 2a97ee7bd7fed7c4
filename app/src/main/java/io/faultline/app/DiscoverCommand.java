package io.faultline.app;

import io.faultline.avro.CatalogEntry;
import io.faultline.ingestion.ipranges.EdgeDiscovery;
import io.faultline.ingestion.ipranges.IpRangeFiles;
import io.faultline.ingestion.ipranges.PublishedRanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code faultline discover edges}: propose dependency edges from DNS and the published IP ranges;
 * {@code faultline discover cofailures}: propose them from co-failure statistics in health history.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = "Propose catalog edges for a human to confirm; nothing is written.",
        subcommands = {DiscoverCommand.Edges.class, CoFailuresCommand.class})
public final class DiscoverCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "edges", mixinStandardHelpOptions = true,
            description = "Resolve each service's domains, match the addresses to the published cloud/CDN IP ranges and print "
                    + "the dependsOn edges the catalog lacks (evidence: ip-ranges, confirmed: false). Never writes the catalog.")
    static final class Edges implements Callable<Integer> {

        @Option(names = "--catalog", defaultValue = "catalog", description = "Catalog directory (default: ${DEFAULT-VALUE}).")
        Path catalog;

        @Option(names = "--ipranges-dir", defaultValue = ".faultline/data/ipranges",
                description = "Where 'faultline ipranges download' put the lists (default: ${DEFAULT-VALUE}).")
        Path ipranges;

        @Override
        public Integer call() throws Exception {
            List<CatalogEntry> entries = CatalogCommand.read(catalog).requireValid();
            List<PublishedRanges> ranges = IpRangeFiles.load(ipranges);
            print(new EdgeDiscovery(ranges, Edges::dns).propose(entries), ranges, System.out);
            return 0;
        }

        static List<InetAddress> dns(String host) {
            try {
                return Arrays.asList(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                return List.of();
            }
        }
    }

    /** Proposals as catalog YAML a human can paste under the service's dependsOn after checking them. */
    static void print(List<EdgeDiscovery.Proposal> proposals, List<PublishedRanges> ranges, PrintStream out) {
        out.println("faultline discover edges: " + proposals.size() + " proposed edge(s) from "
                + ranges.stream().map(r -> r.provider() + " (published " + r.published() + ")").toList()
                + "; review before adding, nothing was written");
        String service = null;
        for (EdgeDiscovery.Proposal p : proposals) {
            if (!p.serviceId().equals(service)) {
                service = p.serviceId();
                out.println("# " + service);
            }
            out.println("  # " + p.domain() + " -> " + p.address() + " in " + p.range().prefix()
                    + (p.range().service() == null ? "" : " " + p.range().service()));
            out.println("  - target: " + p.edge().getTarget());
            out.println("    kind: " + p.edge().getKind());
            out.println("    evidence: " + p.edge().getEvidence());
            out.println("    source: \"" + p.edge().getSource() + "\"");
            out.println("    confirmed: false");
        }
    }
}
