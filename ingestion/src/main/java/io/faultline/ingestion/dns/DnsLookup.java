package io.faultline.ingestion.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Resolves one domain the way discovery needs it, with dnsjava against one resolver (the system's
 * by default): the CNAME chain (followed by hand so that a loop or an oversized chain is named, not
 * silently cut), the A and AAAA records at the chain's end, and the NS records of the zone the
 * domain sits in, found by walking up one label at a time until a name owns NS records. The walk
 * never queries a single-label name (a TLD), so it stops at the registered domain at the latest.
 *
 * <p>Every failure (timeout, NXDOMAIN, SERVFAIL, REFUSED, loop, chain too long) ends in an
 * {@link Answer} with a one-line {@code failure}; nothing here throws for DNS trouble.
 */
public final class DnsLookup {

    /** Longest CNAME chain followed; RFC 1034 resolvers stop at similar depths (BIND: 16 in one answer). */
    public static final int DEFAULT_MAX_CHAIN = 8;

    /** What one domain resolved to; {@code failure} is null when it resolved. */
    public record Answer(String domain, List<String> cnameChain, List<InetAddress> addresses, String zone,
                         List<String> nameservers, String failure) {
        public Answer {
            cnameChain = List.copyOf(cnameChain);
            addresses = List.copyOf(addresses);
            nameservers = List.copyOf(nameservers);
        }

        public boolean failed() {
            return failure != null;
        }
    }

    private final Resolver resolver;
    private final String resolverName;
    private final int maxChain;

    DnsLookup(Resolver resolver, String resolverName, int maxChain) {
        this.resolver = resolver;
        this.resolverName = resolverName;
        this.maxChain = maxChain;
    }

    /**
     * @param hostPort {@code HOST:PORT} or {@code HOST} (port 53) of the resolver to ask, or null for
     *                 the system's resolvers (/etc/resolv.conf)
     */
    public static DnsLookup of(String hostPort, Duration timeout, int maxChain) {
        if (hostPort == null) {
            ExtendedResolver system = new ExtendedResolver();
            system.setTimeout(timeout);
            return new DnsLookup(system, "the system resolver", maxChain);
        }
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon > 0 && hostPort.indexOf(':') == colon;
        String host = hasPort ? hostPort.substring(0, colon) : hostPort;
        int port;
        try {
            port = hasPort ? Integer.parseInt(hostPort.substring(colon + 1)) : 53;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--resolver " + hostPort + ": the port is not a number (expected HOST:PORT)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("--resolver " + hostPort + ": port outside 1..65535");
        }
        try {
            SimpleResolver simple = new SimpleResolver(host);
            simple.setPort(port);
            simple.setTimeout(timeout);
            return new DnsLookup(simple, host + ":" + port, maxChain);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--resolver " + hostPort + ": unknown host (give an address, e.g. 127.0.0.1:53)");
        }
    }

    public String resolverName() {
        return resolverName;
    }

    public Answer resolve(String domain) {
        Name start;
        try {
            start = Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            return failed(domain, List.of(), "not a domain name (" + e.getMessage() + ")");
        }
        List<String> chain = new ArrayList<>();
        Set<Name> seen = new LinkedHashSet<>();
        seen.add(start);
        Name current = start;
        List<InetAddress> addresses = new ArrayList<>();
        for (int queries = 0; ; queries++) {
            Message response;
            try {
                response = query(current, Type.A);
            } catch (IOException e) {
                return failed(domain, chain, problem(current, Type.A, e));
            }
            // the chain first: a resolver answers a CNAME loop with SERVFAIL and the loop's records
            Name end = current;
            for (Name next = cnameOf(response, end); next != null; next = cnameOf(response, end)) {
                chain.add(text(next));
                if (!seen.add(next)) {
                    return failed(domain, chain, "CNAME loop: " + text(start) + " -> " + String.join(" -> ", chain));
                }
                if (chain.size() > maxChain) {
                    return failed(domain, chain, "CNAME chain longer than " + maxChain + " (" + text(start) + " -> "
                            + String.join(" -> ", chain.subList(0, 3)) + " -> ...)");
                }
                end = next;
            }
            String bad = rcodeProblem(response, end, Type.A);
            if (bad != null) {
                return failed(domain, chain, bad);
            }
            addresses.addAll(addresses(response, end, Type.A));
            if (!addresses.isEmpty() || end.equals(current) || queries > maxChain) {
                current = end;
                break;
            }
            current = end; // the answer stopped at a CNAME target: ask for the target itself
        }
        try {
            Message v6 = query(current, Type.AAAA);
            String bad = rcodeProblem(v6, current, Type.AAAA);
            if (bad != null) {
                return failed(domain, chain, bad);
            }
            addresses.addAll(addresses(v6, current, Type.AAAA));
        } catch (IOException e) {
            return failed(domain, chain, problem(current, Type.AAAA, e));
        }
        if (addresses.isEmpty()) {
            return failed(domain, chain, "no A or AAAA record for " + text(current));
        }
        return nameservers(domain, start, chain, addresses);
    }

    /** Walks up from the domain to the first name owning NS records (the zone apex). */
    private Answer nameservers(String domain, Name start, List<String> chain, List<InetAddress> addresses) {
        for (Name name = start; name.labels() > 2; name = new Name(name, 1)) { // labels() counts the root label
            Message response;
            try {
                response = query(name, Type.NS);
            } catch (IOException e) {
                return new Answer(domain, chain, addresses, null, List.of(), problem(name, Type.NS, e));
            }
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                continue;
            }
            String bad = rcodeProblem(response, name, Type.NS);
            if (bad != null) {
                return new Answer(domain, chain, addresses, null, List.of(), bad);
            }
            List<String> servers = new ArrayList<>();
            for (Record r : response.getSection(Section.ANSWER)) {
                if (r instanceof NSRecord ns && r.getName().equals(name)) {
                    servers.add(text(ns.getTarget()));
                }
            }
            if (!servers.isEmpty()) {
                servers.sort(null);
                return new Answer(domain, chain, addresses, text(name), servers, null);
            }
        }
        return new Answer(domain, chain, addresses, null, List.of(), null);
    }

    private Message query(Name name, int type) throws IOException {
        return resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    }

    private String rcodeProblem(Message response, Name name, int type) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NOERROR) {
            return null;
        }
        String what = Rcode.string(rcode) + " for " + text(name) + " " + Type.string(type) + " from " + resolverName;
        return switch (rcode) {
            case Rcode.NXDOMAIN -> what + " (the name does not exist; check the spelling or the zone)";
            case Rcode.SERVFAIL -> what + " (the resolver could not get an answer: the zone's name servers failed "
                    + "or are unreachable; try again or another --resolver)";
            case Rcode.REFUSED -> what + " (the resolver refuses this query; use a resolver that recurses for you)";
            default -> what;
        };
    }

    private String problem(Name name, int type, IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SocketTimeoutException)) {
            cause = cause.getCause();
        }
        if (cause instanceof SocketTimeoutException || String.valueOf(e.getMessage()).toLowerCase().contains("timed out")) {
            return "timeout asking " + resolverName + " for " + text(name) + " " + Type.string(type)
                    + " (no answer in time; check --resolver or raise --timeout)";
        }
        String why = cause instanceof java.net.PortUnreachableException || e instanceof java.net.PortUnreachableException
                ? "nothing answers DNS there (port unreachable)"
                : e.getMessage() != null ? e.getMessage() : cause.getMessage() != null ? cause.getMessage() : "the query failed";
        return "cannot ask " + resolverName + " for " + text(name) + " " + Type.string(type) + ": " + why + " (check --resolver)";
    }

    private static Name cnameOf(Message response, Name owner) {
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof CNAMERecord cname && r.getName().equals(owner)) {
                return cname.getTarget();
            }
        }
        return null;
    }

    private static List<InetAddress> addresses(Message response, Name owner, int type) {
        List<InetAddress> out = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (!r.getName().equals(owner)) {
                continue;
            }
            if (type == Type.A && r instanceof ARecord a) {
                out.add(a.getAddress());
            } else if (type == Type.AAAA && r instanceof AAAARecord aaaa) {
                out.add(aaaa.getAddress());
            }
        }
        return out;
    }

    private static Answer failed(String domain, List<String> chain, String failure) {
        return new Answer(domain, chain, List.of(), null, List.of(), failure);
    }

    /** Lowercase, without the trailing root dot, as the catalog writes names. */
    static String text(Name name) {
        String s = name.toString(true).toLowerCase();
        return s;
    }
}
