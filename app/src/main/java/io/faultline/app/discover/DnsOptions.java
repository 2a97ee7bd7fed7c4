package io.faultline.app.discover;

import java.nio.file.Path;
import java.time.Duration;

import io.faultline.app.discover.DnsEdgeRun;
import io.faultline.ingestion.dns.DnsLookup;
import picocli.CommandLine.Option;
import io.faultline.app.DurationConverter;
import io.faultline.app.networks.NetworksCommand;

/** The DNS-discovery options 'discover edges' and 'catalog add' share (a picocli mixin). */
public final class DnsOptions {

    @Option(names = "--resolver", paramLabel = "HOST:PORT", description = "DNS resolver to ask (default: the system's, "
            + "from /etc/resolv.conf).")
    String resolver;

    @Option(names = "--timeout", defaultValue = "3s", converter = DurationConverter.class,
            description = "Longest wait for each DNS answer, up to 2m (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--max-chain", defaultValue = "" + DnsLookup.DEFAULT_MAX_CHAIN,
            description = "Longest CNAME chain followed (default: ${DEFAULT-VALUE}).")
    int maxChain;

    @Option(names = "--ipranges-dir", defaultValue = ".faultline/data/ipranges",
            description = "Where 'faultline ipranges download' put the lists (default: ${DEFAULT-VALUE}).")
    public Path ipranges;

    @Option(names = "--asn-dir", defaultValue = NetworksCommand.DEFAULT_DATA_DIR,
            description = "ASN data from 'faultline networks install' (default: ${DEFAULT-VALUE}).")
    public Path asnDir;

    public DnsLookup lookup() {
        if (maxChain < 1 || maxChain > 32) {
            throw new IllegalArgumentException("--max-chain " + maxChain + ": give 1..32");
        }
        return DnsLookup.of(resolver, DnsEdgeRun.timeout(timeout), maxChain);
    }
}
