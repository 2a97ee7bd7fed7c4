package io.faultline.ingestion.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.ConnectionEventType;
import io.faultline.avro.EntityKind;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;
import io.faultline.testsupport.DataDir;
import io.faultline.ingestion.probe.AtlasFiles;
import io.faultline.ingestion.probe.AtlasRecordParser;
import io.faultline.ingestion.probe.TargetResolver;

class NetworkTaggingTest {

    static final Instant T0 = Instant.parse("2015-02-10T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static AsnDatabase db;

    @BeforeAll
    static void load() throws Exception {
        db = AsnDatabase.load(Path.of(NetworkTaggingTest.class.getResource("/network/asn-ipv4.csv").toURI()).getParent());
    }

    static ProbeResult result(Long asn) {
        return ProbeResult.newBuilder().setResultId("r").setSource(ProbeSource.RIPE_ATLAS).setProbeType(ProbeType.PING)
                .setTargetId("example.com").setVantage("atlas:1").setVantageAsn(asn).setSuccess(true)
                .setErrorKind(ProbeErrorKind.NONE).setEventTime(T0).setObservedAt(T0).build();
    }

    static ProbeConnectionEvent event(Long asn, String prefix, String country) {
        return ProbeConnectionEvent.newBuilder().setEventId("e").setSource(ProbeSource.RIPE_ATLAS).setProbeId(1)
                .setEvent(ConnectionEventType.DISCONNECT).setAsn(asn).setPrefix(prefix).setCountry(country)
                .setEventTime(T0).setObservedAt(T0).build();
    }

    @Test
    void aResultWithoutAsnGetsItsVantageNetworkFromTheProbeAddress() {
        AsnNetworkTagger tagger = new AsnNetworkTagger(db);
        ProbeResult r = tagger.tag(result(null), "73.1.2.3");

        assertThat(r.getVantageAsn()).isEqualTo(7922L);
        assertThat(r.getVantageOrg()).isEqualTo("Comcast Cable Communications, LLC");
        assertThat(r.getVantageCountry()).isEqualTo("US");
        assertThat(tagger.seenAsns()).containsExactly(7922L);
    }

    @Test
    void whatTheSourceSaidIsNeverOverwritten() {
        AsnNetworkTagger tagger = new AsnNetworkTagger(db);
        ProbeResult r = tagger.tag(result(15169L), "73.1.2.3");

        assertThat(r.getVantageAsn()).isEqualTo(15169L);
        assertThat(r.getVantageOrg()).as("organisation of the ASN the source gave").isEqualTo("Google LLC");
        assertThat(r.getVantageCountry()).as("registration country of the address").isEqualTo("US");

        ProbeConnectionEvent e = tagger.tag(event(null, "1.1.1.0/24", "NZ"));
        assertThat(e.getAsn()).isEqualTo(13335L);
        assertThat(e.getCountry()).isEqualTo("NZ");
        assertThat(e.getOrganisation()).isEqualTo("Cloudflare, Inc.");
    }

    @Test
    void unknownOrUnreadableAddressesLeaveTheRecordAsItWas() {
        AsnNetworkTagger tagger = new AsnNetworkTagger(db);
        ProbeResult noAddress = result(null);
        assertThat(tagger.tag(noAddress, null)).isEqualTo(noAddress);
        assertThat(tagger.tag(noAddress, "connect error 4")).isEqualTo(noAddress);
        assertThat(tagger.tag(noAddress, "192.0.2.1")).isEqualTo(noAddress);
        ProbeConnectionEvent noPrefix = event(null, null, null);
        assertThat(tagger.tag(noPrefix)).isEqualTo(noPrefix);
        assertThat(tagger.seenAsns()).isEmpty();
    }

    @Test
    void networkAndOrganisationEntriesForTheAsnsSeen() {
        List<CatalogEntry> entries = NetworkCatalog.entries(List.of(7922L, 13335L, 64999L), db, "ip-location-db test", T0);
        Map<String, CatalogEntry> byId = entries.stream().collect(Collectors.toMap(CatalogEntry::getEntityId, e -> e));

        assertThat(byId).containsOnlyKeys("as7922", "as13335", "as64999", "org/comcast-cable-communications-llc", "org/cloudflare-inc");
        CatalogEntry comcast = byId.get("as7922");
        assertThat(comcast.getKind()).isEqualTo(EntityKind.NETWORK);
        assertThat(comcast.getName()).isEqualTo("AS7922 Comcast Cable Communications, LLC");
        assertThat(comcast.getAsn()).isEqualTo(7922L);
        assertThat(comcast.getCountry()).isEqualTo("US");
        assertThat(comcast.getParentId()).isEqualTo("org/comcast-cable-communications-llc");
        assertThat(comcast.getDependsOn()).singleElement().satisfies(d -> assertThat(d.getTarget()).isEqualTo(comcast.getParentId()));
        assertThat(comcast.getCategory()).isEqualTo(NetworkCatalog.CATEGORY);
        assertThat(byId.get("org/cloudflare-inc").getKind()).isEqualTo(EntityKind.ORGANISATION);
        assertThat(byId.get("org/cloudflare-inc").getName()).isEqualTo("Cloudflare, Inc.");
        assertThat(byId.get("as64999").getParentId()).isNull();
        assertThat(byId.get("as64999").getName()).isEqualTo("AS64999");
    }

    /** Disco's 2011 dump has no ASNs at all ("asn": ""); the public dataset gives most probes one from their prefix. */
    @Test
    void thePublic2011ConnectionEventsGetNetworksFromTheirPrefixes() throws Exception {
        Path asn = DataDir.file("asn/asn-ipv4.csv.gz").getParent();
        Path events = DataDir.file("probes/disco_msm7000_2011-01-15.json.gz");
        AsnNetworkTagger tagger = new AsnNetworkTagger(AsnDatabase.load(asn));
        AtlasRecordParser parser = new AtlasRecordParser(CLOCK, TargetResolver.NONE, tagger);
        List<ProbeConnectionEvent> tagged = new java.util.ArrayList<>();
        AtlasFiles.forEach(events, parser, o -> o.records().forEach(r -> tagged.add((ProbeConnectionEvent) r)));

        assertThat(tagged).hasSize(1_835);
        long withAsn = tagged.stream().filter(e -> e.getAsn() != null).count();
        long withPrefix = tagged.stream().filter(e -> e.getPrefix() != null).count();
        assertThat(withAsn).isGreaterThan(withPrefix / 2);
        long withOrg = tagged.stream().filter(e -> e.getOrganisation() != null).count();
        long withCountry = tagged.stream().filter(e -> e.getCountry() != null).count();
        // a few ASNs of 2011 are no longer in the 2026 dataset: no organisation for those;
        // 6to4 prefixes (2002::/16, common in 2011) have no registration country
        assertThat(withOrg).isGreaterThan(withAsn * 9 / 10);
        assertThat(withCountry).isGreaterThan(withPrefix / 2);
        Set<Long> seen = tagger.seenAsns();
        assertThat(seen).hasSizeGreaterThan(10);
        List<CatalogEntry> entries = NetworkCatalog.entries(seen, AsnDatabase.load(asn), "ip-location-db", T0);
        assertThat(entries).filteredOn(e -> e.getKind() == EntityKind.NETWORK).hasSize(seen.size());
    }
}
