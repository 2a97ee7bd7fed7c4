package io.faultline.ingestion.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.faultline.avro.ConnectionEventType;
import io.faultline.avro.ProbeConnectionEvent;
import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;
import io.faultline.testsupport.DataDir;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;

class AtlasParsersTest {

    static final Instant OBSERVED = Instant.parse("2021-12-07T16:00:00Z");
    static final Instant COMCAST_DAY_FIRST_EVENT = Instant.parse("2015-02-10T00:00:06Z");
    static final Clock CLOCK = Clock.fixed(OBSERVED, ZoneOffset.UTC);
    final AtlasResultParser results = new AtlasResultParser(CLOCK);
    final AtlasConnectionEventParser connections = new AtlasConnectionEventParser(CLOCK);

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(AtlasParsersTest.class.getResource("/probe/" + name).toURI());
    }

    static Path sample(String name) {
        Path p = DataDir.file("probes/" + name);
        return p;
    }

    @Test
    void fixtureResultsMapEveryTypeAndRejectTheBadLines() throws Exception {
        ParseOutcome<ProbeResult> out = AtlasFiles.read(fixture("atlas_results.ndjson"), results);

        assertThat(out.records()).extracting(ProbeResult::getVantage)
                .containsExactly("atlas:1001", "atlas:1002", "atlas:1003", "atlas:1004", "atlas:1005", "atlas:1006", "atlas:1010");
        ProbeResult partialLoss = out.records().get(0);
        assertThat(partialLoss.getSource()).isEqualTo(ProbeSource.RIPE_ATLAS);
        assertThat(partialLoss.getProbeType()).isEqualTo(ProbeType.PING);
        assertThat(partialLoss.getSuccess()).isTrue();
        assertThat(partialLoss.getPacketLoss()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(partialLoss.getTargetId()).isEqualTo("example.com");
        assertThat(partialLoss.getTargetAddress()).isEqualTo("93.184.216.34");
        assertThat(partialLoss.getMeasurementId()).isEqualTo(5001L);
        assertThat(partialLoss.getEventTime()).isEqualTo(Instant.parse("2021-12-07T15:47:00Z"));
        assertThat(out.records().get(1)).satisfies(r -> {
            assertThat(r.getSuccess()).isFalse();
            assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.PACKET_LOSS);
            assertThat(r.getTotalMs()).isNull();
        });
        assertThat(out.records().get(2)).satisfies(r -> {
            assertThat(r.getStatusCode()).isEqualTo(503);
            assertThat(r.getErrorKind()).isEqualTo(ProbeErrorKind.HTTP_ERROR);
            assertThat(r.getTargetId()).isEqualTo("example.com");
            assertThat(r.getTargetHost()).isEqualTo("https://example.com/health");
        });
        assertThat(out.records().get(3).getErrorKind()).isEqualTo(ProbeErrorKind.DNS_FAILURE);
        assertThat(out.records().get(4).getErrorKind()).isEqualTo(ProbeErrorKind.TIMEOUT);
        assertThat(out.records().get(5)).satisfies(r -> { // SERVFAIL in the answer header
            assertThat(r.getStatusCode()).isEqualTo(2);
            assertThat(r.getSuccess()).isFalse();
        });

        assertThat(out.rejected()).extracting(Rejected::errorType)
                .containsExactly("INVALID_FIELD", "UNSUPPORTED_EVENT", "PARSE_ERROR");
        assertThat(out.rejected()).extracting(r -> r.context().get("line")).containsExactly("7", "8", "9");
    }

    @Test
    void resolverNamesTheTarget() {
        AtlasResultParser resolving = new AtlasResultParser(CLOCK,
                (host, address) -> "example.com".equals(host) ? Optional.of("example-service") : Optional.empty());
        ParseOutcome<ProbeResult> out = resolving.parseLine(
                "{\"dst_name\":\"example.com\",\"msm_id\":1,\"prb_id\":2,\"rcvd\":1,\"sent\":1,\"timestamp\":1638892020,\"type\":\"ping\"}", Map.of());
        assertThat(out.records()).singleElement().satisfies(r -> assertThat(r.getTargetId()).isEqualTo("example-service"));
    }

    @Test
    void fixtureConnectionEventsPlainAndGzipAgree() throws Exception {
        ParseOutcome<ProbeConnectionEvent> plain = AtlasFiles.read(fixture("msm7000.json"), connections);
        ParseOutcome<ProbeConnectionEvent> gz = AtlasFiles.read(fixture("msm7000_copy.json.gz"), connections);

        assertThat(plain.records()).extracting(ProbeConnectionEvent::getProbeId).containsExactly(2001L, 2002L, 2003L, 2005L, 2008L);
        assertThat(plain.records()).extracting(ProbeConnectionEvent::getAsn).containsExactly(7922L, 7922L, null, null, 3320L);
        assertThat(plain.records().get(0).getEventId()).isEqualTo("ripe-atlas:2001:disconnect:1423526406");
        assertThat(plain.records().get(2).getController()).isNull();
        assertThat(plain.records().get(3).getEvent()).isEqualTo(ConnectionEventType.UNKNOWN);
        assertThat(plain.rejected()).extracting(Rejected::errorType)
                .containsExactly("INVALID_FIELD", "UNSUPPORTED_EVENT", "INVALID_FIELD");
        assertThat(plain.rejected()).extracting(r -> r.context().get("element")).containsExactly("3", "5", "6");
        assertThat(gz.records()).isEqualTo(plain.records());
    }

    @Test
    void saganPingHttpDnsSamplesAllParse() {
        ParseOutcome<ProbeResult> ping = AtlasFiles.read(sample("sagan_ping_results.ndjson"), results);
        assertThat(ping.rejected()).isEmpty();
        assertThat(ping.records()).hasSize(15);
        // firmware 0 writes numbers as strings
        assertThat(ping.records().get(0)).satisfies(r -> {
            assertThat(r.getVantage()).isEqualTo("atlas:677");
            assertThat(r.getTotalMs()).isEqualTo(58.042);
            assertThat(r.getPacketLoss()).isEqualTo(0.0);
            assertThat(r.getTargetId()).isEqualTo("62.2.16.12");
        });

        ParseOutcome<ProbeResult> http = AtlasFiles.read(sample("sagan_http_results.ndjson"), results);
        assertThat(http.rejected()).isEmpty();
        assertThat(http.records()).hasSize(17);
        assertThat(http.records().get(0)).satisfies(r -> { // fw 0: "GET4 193.0.6.139 0.042268 200 263 1406"
            assertThat(r.getStatusCode()).isEqualTo(200);
            assertThat(r.getTargetAddress()).isEqualTo("193.0.6.139");
            assertThat(r.getTotalMs()).isCloseTo(42.268, org.assertj.core.data.Offset.offset(1e-6));
        });
        assertThat(http.records().get(1).getErrorKind()).isEqualTo(ProbeErrorKind.CONNECT_FAILED); // "connect error 4"
        assertThat(http.records()).filteredOn(r -> !r.getSuccess()).extracting(ProbeResult::getErrorKind)
                .containsExactly(ProbeErrorKind.CONNECT_FAILED, ProbeErrorKind.TIMEOUT, ProbeErrorKind.CONNECT_FAILED);

        ParseOutcome<ProbeResult> dns = AtlasFiles.read(sample("sagan_dns_results.ndjson"), results);
        assertThat(dns.rejected()).isEmpty();
        assertThat(dns.records()).hasSize(43);
        assertThat(dns.records()).filteredOn(r -> r.getErrorKind() == ProbeErrorKind.TIMEOUT).hasSize(1);
    }

    @Test
    void atlasMonitorEnvelopesExpandToTheirResults() {
        ParseOutcome<ProbeResult> ping = AtlasFiles.read(sample("atlasmonitor_msm3359986.json"), results);
        assertThat(ping.records()).hasSize(5);
        assertThat(ping.records().get(0).getVantage()).isEqualTo("atlas:3183");
        ParseOutcome<ProbeResult> trace = AtlasFiles.read(sample("atlasmonitor_msm3082698.json"), results);
        assertThat(trace.records()).hasSize(8).allSatisfy(r -> assertThat(r.getProbeType()).isEqualTo(ProbeType.TRACEROUTE));
        // sslcert is a real type we do not map: visible as UNSUPPORTED_EVENT, not dropped
        ParseOutcome<ProbeResult> cert = AtlasFiles.read(sample("atlasmonitor_msm1443162.json"), results);
        assertThat(cert.records()).isEmpty();
        assertThat(cert.rejected()).hasSize(6).allSatisfy(r -> assertThat(r.errorType()).isEqualTo("UNSUPPORTED_EVENT"));
    }

    @Test
    void discoComcastDayHasAllTwentyThousandEvents() {
        ParseOutcome<ProbeConnectionEvent> out = AtlasFiles.read(sample("disco_comcast_7000_20150210.json"), connections);
        assertThat(out.rejected()).isEmpty();
        assertThat(out.records()).hasSize(20_205);
        assertThat(out.records()).filteredOn(e -> e.getEvent() == ConnectionEventType.DISCONNECT).hasSize(10_112);
        assertThat(out.records()).filteredOn(e -> Long.valueOf(7922).equals(e.getAsn())).hasSize(381);
        assertThat(out.records()).filteredOn(e -> e.getAsn() == null).hasSize(41); // "asn": ""
        assertThat(out.records().get(0)).satisfies(e -> {
            assertThat(e.getProbeId()).isEqualTo(11413L);
            assertThat(e.getAsn()).isEqualTo(57128L);
            assertThat(e.getController()).isEqualTo("ctr-sin01");
            assertThat(e.getEventTime()).isEqualTo(COMCAST_DAY_FIRST_EVENT);
        });
        assertThat(out.records()).extracting(ProbeConnectionEvent::getEventId).doesNotHaveDuplicates();
    }

    @Test
    void discoGzipArchivesParseWithMixedAsnTypes() {
        assertThat(AtlasFiles.read(sample("disco_msm7000_2011-01-15.json.gz"), connections))
                .satisfies(o -> {
                    assertThat(o.rejected()).isEmpty();
                    assertThat(o.records()).hasSize(1835);
                    assertThat(o.records()).filteredOn(e -> e.getEvent() == ConnectionEventType.CONNECT).hasSize(920);
                });
        assertThat(AtlasFiles.read(sample("disco_msm7000_2016-07-26.json.gz"), connections).records()).hasSize(10_561);
        assertThat(AtlasFiles.read(sample("disco_generalApril29_7000_20160429.json.gz"), connections).records()).hasSize(10_497);
    }
}
