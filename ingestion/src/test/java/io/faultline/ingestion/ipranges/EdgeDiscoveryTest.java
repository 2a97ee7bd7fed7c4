package io.faultline.ingestion.ipranges;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import io.faultline.avro.EntityKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Edge proposals from injected DNS answers and the published ranges (shared samples, read in place). */
class EdgeDiscoveryTest {

    private static CatalogEntry entity(String id, EntityKind kind, List<String> domains, String... dependsOn) {
        return CatalogEntry.newBuilder().setEntityId(id).setKind(kind).setName(id).setDomains(domains)
                .setDependsOn(java.util.Arrays.stream(dependsOn).map(t -> Dependency.newBuilder().setTarget(t)
                        .setKind("hosting").setEvidence("docs").build()).toList())
                .setEventTime(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void proposesUnconfirmedEdgesTheCatalogLacks() throws Exception {
        List<PublishedRanges> ranges = IpRangeFiles.load(IpRangesTest.samples());
        IpRange ec2 = ranges.get(0).ranges().stream()
                .filter(r -> "EC2".equals(r.service()) && "us-east-1".equals(r.region()) && r.network().length == 4)
                .findFirst().orElseThrow();
        byte[] inEc2 = ec2.network().clone();
        inEc2[3] |= 1;
        String ec2Address = InetAddress.getByAddress(inEc2).getHostAddress();
        Map<String, List<InetAddress>> dns = Map.of(
                "shop.example", List.of(ip(ec2Address)),
                "cdn.shop.example", List.of(ip("104.16.0.1"), ip("2606:4700::1")),
                "known.example", List.of(ip(ec2Address)),
                "elsewhere.example", List.of(ip("192.0.2.1")));
        List<CatalogEntry> catalog = List.of(
                entity("aws", EntityKind.PROVIDER, List.of()),
                entity("aws/us-east-1", EntityKind.REGION, List.of()),
                entity("cloudflare", EntityKind.CDN, List.of()),
                entity("shop", EntityKind.SERVICE, List.of("shop.example", "cdn.shop.example", "gone.example")),
                entity("known", EntityKind.SERVICE, List.of("known.example"), "aws/us-east-1"),
                entity("elsewhere", EntityKind.SERVICE, List.of("elsewhere.example")));

        List<EdgeDiscovery.Proposal> proposals = new EdgeDiscovery(ranges, host -> dns.getOrDefault(host, List.of()))
                .propose(catalog);

        assertThat(proposals).extracting(p -> p.serviceId() + "->" + p.edge().getTarget() + " (" + p.edge().getKind() + ")")
                .containsExactly("shop->aws/us-east-1 (hosting)", "shop->cloudflare (cdn)");
        assertThat(proposals).allSatisfy(p -> {
            assertThat(p.edge().getEvidence()).isEqualTo("ip-ranges");
            assertThat(p.edge().getConfirmed()).isFalse();
        });
        assertThat(proposals.get(0).edge().getSource())
                .startsWith("https://ip-ranges.amazonaws.com/ip-ranges.json (" + ec2.prefix())
                .contains("published 2025-07-24-20-23-14");
        assertThat(proposals.get(0).address()).isEqualTo(ec2Address);
    }

    @Test
    void aRegionTheCatalogDoesNotHaveFallsBackToTheProvider() {
        IpRange range = IpRange.of("aws", "ap-east-2", "EC2", "15.190.244.0/22");
        assertThat(EdgeDiscovery.target(range, id -> id.equals("aws"))).isEqualTo("aws");
        assertThat(EdgeDiscovery.target(range, id -> false)).isNull();
        assertThat(EdgeDiscovery.target(IpRange.of("aws", null, "CLOUDFRONT", "13.32.0.0/15"), id -> true)).isEqualTo("cloudfront");
    }
}
