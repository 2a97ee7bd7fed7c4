package io.faultline.ingestion.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.faultline.avro.CatalogEntry;
import io.faultline.ingestion.catalog.CatalogLoad;
import io.faultline.ingestion.catalog.CatalogYaml;
import io.faultline.ingestion.catalog.DnsSuffixes;
import io.faultline.ingestion.ipranges.EdgeDiscovery;
import io.faultline.ingestion.ipranges.IpRange;
import io.faultline.ingestion.ipranges.PublishedRanges;
import org.junit.jupiter.api.Test;

/** The matching logic on hand-made answers (no DNS here; DiscoverEdgesDnsIT asks a real server). */
class DnsDiscoveryTest {

    static final DnsSuffixes AKAMAI = new DnsSuffixes("akamai", "cdn", List.of("edgekey.net", "edgesuite.net"), List.of(),
            "https://docs.example/akamai");
    /** A made-up provider owning a longer suffix under Akamai's, to show the longest suffix wins. */
    static final DnsSuffixes NARROW = new DnsSuffixes("narrow-cdn", "cdn", List.of("special.edgekey.net"), List.of(),
            "https://docs.example/narrow");
    static final DnsSuffixes ROUTE53 = new DnsSuffixes("route53", "dns", List.of(), List.of("awsdns-*.com", "awsdns-*.net"),
            "https://docs.example/route53");
    static final Set<String> KNOWN = Set.of("akamai", "narrow-cdn", "route53", "aws", "aws/us-east-1", "fastly");

    static final List<PublishedRanges> RANGES = List.of(
            new PublishedRanges(PublishedRanges.AWS, "2025-07-24", List.of(
                    IpRange.of(PublishedRanges.AWS, "us-east-1", "AMAZON", "15.181.232.0/21"),
                    IpRange.of(PublishedRanges.AWS, "us-east-1", "EC2", "15.181.232.0/21"),
                    IpRange.of(PublishedRanges.AWS, "eu-west-1", "EC2", "2600:1f18::/33"))),
            PublishedRanges.fastly("{\"addresses\":[\"151.101.0.0/16\"],\"ipv6_addresses\":[]}", "file time"));

    static DnsDiscovery discovery(Set<String> known) {
        return new DnsDiscovery(List.of(AKAMAI, NARROW, ROUTE53), new EdgeDiscovery(RANGES, null), null, known);
    }

    static DnsLookup.Answer answer(String domain, List<String> chain, List<String> addresses, String zone, List<String> ns) {
        return new DnsLookup.Answer(domain, chain, addresses.stream().map(DnsDiscoveryTest::ip).toList(), zone, ns, null);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void cnameSuffixNsSuffixAndPublishedRangeEachGiveAnEdgeWithItsRecord() {
        DnsDiscovery.Finding f = discovery(KNOWN).assess(answer("www.shop.example",
                List.of("www.shop.example.edgekey.net", "e1.a.akamaiedge.net"), List.of("15.181.232.9"),
                "shop.example", List.of("ns-1.awsdns-01.com", "ns-2.awsdns-02.net")));

        assertThat(f.proposals()).containsExactly(
                new DnsDiscovery.Proposal("akamai", "cdn", "dns-records", "https://docs.example/akamai",
                        "www.shop.example CNAME www.shop.example.edgekey.net (suffix edgekey.net)"),
                new DnsDiscovery.Proposal("route53", "dns", "dns-records", "https://docs.example/route53",
                        "shop.example NS ns-1.awsdns-01.com (suffix awsdns-*.com); shop.example NS ns-2.awsdns-02.net (suffix awsdns-*.net)"),
                new DnsDiscovery.Proposal("aws/us-east-1", "hosting", "ip-ranges",
                        "https://ip-ranges.amazonaws.com/ip-ranges.json (15.181.232.0/21 EC2, published 2025-07-24)",
                        "15.181.232.9 in aws 15.181.232.0/21 EC2 us-east-1"));
    }

    @Test
    void theLongestSuffixWinsAndAProviderTheCatalogLacksIsIgnored() {
        DnsLookup.Answer a = answer("x.example", List.of("x.special.edgekey.net"), List.of("192.0.2.1"), null, List.of());
        assertThat(discovery(KNOWN).assess(a).proposals()).extracting(DnsDiscovery.Proposal::target).containsExactly("narrow-cdn");
        assertThat(discovery(Set.of("akamai")).assess(a).proposals()).extracting(DnsDiscovery.Proposal::target)
                .containsExactly("akamai");
    }

    @Test
    void aRegionTheCatalogLacksFallsBackToTheProviderAndSameTargetsMerge() {
        DnsDiscovery.Finding f = discovery(Set.of("aws", "fastly")).assess(answer("api.example", List.of(),
                List.of("2600:1f18::5", "151.101.1.1", "151.101.65.1"), null, List.of()));
        assertThat(f.proposals()).extracting(DnsDiscovery.Proposal::target, DnsDiscovery.Proposal::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aws", "hosting"), org.assertj.core.groups.Tuple.tuple("fastly", "cdn"));
        assertThat(f.proposals().get(0).observed()).isEqualTo("2600:1f18::5 in aws 2600:1f18::/33 EC2 eu-west-1");
        assertThat(f.proposals().get(1).observed()).isEqualTo("151.101.1.1 in fastly 151.101.0.0/16 CDN; "
                + "151.101.65.1 in fastly 151.101.0.0/16 CDN");
    }

    /**
     * The project catalog's own suffixes, not hand-made ones: a CNAME into Cloudflare's partial-setup
     * target and NS1 name servers (the example names are the ones the cited provider pages show).
     */
    @Test
    void theProjectCatalogNamesCloudflareFromACnameAndNs1FromItsNameServers() {
        CatalogLoad load = CatalogYaml.load(Path.of("..", "catalog"), Instant.EPOCH);
        assertThat(load.errors()).isEmpty();
        Set<String> ids = load.entries().stream().map(CatalogEntry::getEntityId).collect(Collectors.toSet());
        DnsDiscovery real = new DnsDiscovery(load.dnsSuffixes().values(), null, null, ids);

        DnsDiscovery.Finding f = real.assess(answer("www.example.com", List.of("www.example.com.cdn.cloudflare.net"),
                List.of(), "example.com", List.of("dns1.p06.nsone.net", "dns2.p06.nsone.net")));

        assertThat(f.proposals()).extracting(DnsDiscovery.Proposal::target, DnsDiscovery.Proposal::kind,
                        DnsDiscovery.Proposal::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("cloudflare", "cdn",
                                "https://developers.cloudflare.com/dns/zone-setups/partial-setup/setup/"),
                        org.assertj.core.groups.Tuple.tuple("ns1", "dns",
                                "https://www.ibm.com/docs/en/SSSYGZ/resource_management/nameserver_assignments.html"));
        assertThat(f.proposals().get(0).observed())
                .isEqualTo("www.example.com CNAME www.example.com.cdn.cloudflare.net (suffix cdn.cloudflare.net)");

        // Cloudflare's assigned name servers are its DNS product, not its CDN; a Fastly target is Fastly.
        DnsDiscovery.Finding g = real.assess(answer("shop.example.com", List.of("dualstack.nonssl.global.fastly.net"),
                List.of(), "example.com", List.of("lara.ns.cloudflare.com")));
        assertThat(g.proposals()).extracting(DnsDiscovery.Proposal::target).containsExactly("fastly", "cloudflare-dns");
    }

    @Test
    void aFailedLookupKeepsWhatItSawBeforeFailing() {
        DnsLookup.Answer loop = new DnsLookup.Answer("loop.example", List.of("a.edgesuite.net", "loop.example"), List.of(),
                null, List.of(), "CNAME loop: loop.example -> a.edgesuite.net -> loop.example");
        assertThat(discovery(KNOWN).assess(loop).proposals()).extracting(DnsDiscovery.Proposal::target).containsExactly("akamai");
        DnsLookup.Answer nx = new DnsLookup.Answer("nx.example", List.of(), List.of(), null, List.of(), "NXDOMAIN for nx.example A");
        assertThat(discovery(KNOWN).assess(nx).proposals()).isEmpty();
        DnsLookup.Answer nsFailed = new DnsLookup.Answer("api.example", List.of(), List.of(ip("15.181.232.9")), null, List.of(),
                "SERVFAIL for example NS");
        assertThat(discovery(KNOWN).assess(nsFailed).proposals()).extracting(DnsDiscovery.Proposal::target)
                .containsExactly("aws/us-east-1");
    }

    @Test
    void addressesOutsideEveryRangeAndWithoutAsnDataGiveNoEdge() {
        DnsDiscovery.Finding f = discovery(KNOWN).assess(answer("plain.example", List.of(), List.of("192.0.2.7"), null, List.of()));
        assertThat(f.proposals()).isEmpty();
        assertThat(f.networks()).isEmpty();
    }

    @Test
    void ipv6IsWrittenInItsShortForm() {
        assertThat(DnsDiscovery.text(ip("2600:f0f0:2:0:0:0:0:10"))).isEqualTo("2600:f0f0:2::10");
        assertThat(DnsDiscovery.text(ip("::1"))).isEqualTo("::1");
        assertThat(DnsDiscovery.text(ip("2a04:4e42::"))).isEqualTo("2a04:4e42::");
        assertThat(DnsDiscovery.text(ip("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(DnsDiscovery.text(ip("2001:db8:1:1:1:1:0:1"))).isEqualTo("2001:db8:1:1:1:1:0:1");
        assertThat(DnsDiscovery.text(ip("10.0.0.1"))).isEqualTo("10.0.0.1");
    }
}
