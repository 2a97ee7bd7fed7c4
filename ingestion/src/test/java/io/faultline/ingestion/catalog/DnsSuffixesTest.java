package io.faultline.ingestion.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.Dependency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsSuffixesTest {

    @Test
    void aSuffixMatchesWholeLabelsOnly() {
        assertThat(DnsSuffixes.match("edgekey.net", "www.example.com.edgekey.net")).isEqualTo(2);
        assertThat(DnsSuffixes.match("edgekey.net", "edgekey.net.")).isEqualTo(2);
        assertThat(DnsSuffixes.match("edgekey.net", "www.notedgekey.net")).isZero();
        assertThat(DnsSuffixes.match("edgekey.net", "edgekey.net.example.com")).isZero();
        assertThat(DnsSuffixes.match("edgekey.net", "net")).isZero();
        assertThat(DnsSuffixes.match("edgekey.net", "WWW.EdgeKey.NET")).isEqualTo(2);
    }

    @Test
    void aStarMatchesWithinOneLabel() {
        assertThat(DnsSuffixes.match("awsdns-*.com", "ns-1.awsdns-01.com")).isEqualTo(2);
        assertThat(DnsSuffixes.match("awsdns-*.co.uk", "ns-2051.awsdns-67.co.uk")).isEqualTo(3);
        assertThat(DnsSuffixes.match("awsdns-*.com", "ns-1.awsdns.com")).isZero();
        assertThat(DnsSuffixes.match("awsdns-*.com", "ns-1.awsdns-01.evil.com")).isZero();
        assertThat(DnsSuffixes.match("awsdns-*.com", "ns-1.xawsdns-01.com")).isZero();
    }

    @Test
    void theLongestPatternWins() {
        assertThat(DnsSuffixes.longestMatch(List.of("net", "fastly.net", "global.ssl.fastly.net"), "a.global.ssl.fastly.net"))
                .isEqualTo("global.ssl.fastly.net");
        assertThat(DnsSuffixes.longestMatch(List.of("cloudfront.net"), "example.com")).isNull();
    }

    @Test
    void malformedPatternsAreNamed() {
        assertThat(DnsSuffixes.problem("edgekey.net")).isNull();
        assertThat(DnsSuffixes.problem("awsdns-*.co.uk")).isNull();
        assertThat(DnsSuffixes.problem("net")).contains("'net'");
        assertThat(DnsSuffixes.problem("EdgeKey.net")).isNotNull();
        assertThat(DnsSuffixes.problem("a.*.net")).isNotNull();
        assertThat(DnsSuffixes.problem(".edgekey.net")).isNotNull();
    }

    @Test
    void theProjectCatalogCarriesSourcedSuffixes() {
        CatalogLoad load = CatalogYaml.load(Path.of("..", "catalog"), Instant.EPOCH);
        assertThat(load.errors()).isEmpty();
        assertThat(load.dnsSuffixes()).containsKeys("akamai", "cloudfront", "azure-front-door", "route53", "azure-dns",
                "cloudflare", "cloudflare-dns", "fastly", "ns1");
        assertThat(load.dnsSuffixes().values()).allSatisfy(s -> assertThat(s.source()).startsWith("https://"));
        assertThat(load.dnsSuffixes().get("route53").ns()).contains("awsdns-*.com");
    }

    @Test
    void unconfirmedEdgesLoadAsSuchAndOnlyForDiscoveredEvidence(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("providers.yaml"), """
                providers:
                  - id: akamai
                    name: Akamai
                    kind: cdn
                    dnsSuffixes: {cname: [edgekey.net]}
                  - id: route53
                    name: Route 53
                    kind: dns
                    dnsSuffixes: {ns: ["awsdns-*.com", "Bad..Suffix"], source: "https://docs.example/route53"}
                """);
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(dir.resolve("services/mine.yaml"), """
                services:
                  - id: shop
                    name: Shop
                    category: onboarded
                    dependsOn:
                      - {target: akamai, kind: cdn, evidence: dns-records, source: "https://docs.example/akamai", confirmed: false}
                      - {target: route53, kind: dns, evidence: outage-report, source: "https://news.example/x", confirmed: false}
                      - {target: route53, kind: dns, evidence: docs, source: "https://docs.example/r53"}
                """);
        CatalogLoad load = CatalogYaml.load(dir, Instant.EPOCH);
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("akamai", "dnsSuffixes.source"));
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("route53", "'Bad..Suffix'"));
        assertThat(load.errors()).anySatisfy(e -> assertThat(e).contains("shop", "edge to 'route53'", "confirmed: false"));
        assertThat(load.errors()).hasSize(3);
        CatalogEntry shop = load.entries().stream().filter(e -> e.getEntityId().equals("shop")).findFirst().orElseThrow();
        assertThat(shop.getDependsOn()).extracting(Dependency::getConfirmed).containsExactly(false, false, true);
    }
}
