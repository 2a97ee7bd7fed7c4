package io.faultline.ingestion.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.faultline.testsupport.DataDir;

class AsnDatabaseTest {

    static AsnDatabase fixture;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        fixture = AsnDatabase.load(Path.of(AsnDatabaseTest.class.getResource("/network/asn-ipv4.csv").toURI()).getParent());
    }

    static Path sampleDir() {
        return DataDir.file("asn/asn-ipv4.csv.gz").getParent();
    }

    @Test
    void findsTheRangeHoldingAnAddressWithQuotedOrganisationsAndCountry() {
        assertThat(fixture.lookup("1.1.1.1")).contains(new AsnInfo(13335, "Cloudflare, Inc.", "AU"));
        assertThat(fixture.lookup("73.12.0.9")).contains(new AsnInfo(7922, "Comcast Cable Communications, LLC", "US"));
        assertThat(fixture.lookup("203.0.113.255")).contains(new AsnInfo(64500, "Example \"Quoted\" Networks", null));
        assertThat(fixture.lookup("2606:4700:4700::1111")).contains(new AsnInfo(13335, "Cloudflare, Inc.", null));
    }

    @Test
    void rangeEdgesAreInclusiveAndGapsAreEmpty() {
        assertThat(fixture.lookup("8.8.8.0")).map(AsnInfo::asn).contains(15169L);
        assertThat(fixture.lookup("8.8.8.255")).map(AsnInfo::asn).contains(15169L);
        assertThat(fixture.lookup("8.8.9.0")).isEmpty();
        assertThat(fixture.lookup("1.1.0.255")).isEmpty();
        assertThat(fixture.lookup("0.0.0.0")).isEmpty();
        assertThat(fixture.lookup("255.255.255.255")).isEmpty();
        assertThat(fixture.lookup("::1")).isEmpty();
    }

    @Test
    void aBadRowIsSkippedAndCountedAndTheRestLoads() {
        assertThat(fixture.skippedLines()).isEqualTo(1);
        assertThat(fixture.ranges()).isEqualTo(4 + 2);
        assertThat(fixture.countryRanges()).isEqualTo(3);
    }

    @Test
    void organisationAndCountryByAsn() {
        assertThat(fixture.organisation(7922)).contains("Comcast Cable Communications, LLC");
        assertThat(fixture.country(7922)).contains("US");
        assertThat(fixture.organisation(1)).isEmpty();
    }

    @Test
    void ipv6TextIsParsedLikeTheJdkDoes() throws Exception {
        for (String literal : List.of("::", "::1", "2001:db8::", "2001:db8::1", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8",
                "64:ff9b::198.51.100.7", "2606:4700:4700::1111", "2001:DB8:0:0:8:800:200C:417A")) {
            assertThat(IpAddresses.key(literal)).as(literal).containsExactly(IpAddresses.key(InetAddress.getByName(literal)));
        }
        assertThat(fixture.lookup("::ffff:1.1.1.1")).as("IPv4-mapped is looked up as IPv4").map(AsnInfo::asn).contains(13335L);
        for (String bad : List.of("1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", ":1:2", "1:2:", "g::1")) {
            assertThatThrownBy(() -> IpAddresses.key(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void neverResolvesAHostName() {
        assertThatThrownBy(() -> fixture.lookup("example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fixture.lookup("1.2.3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fixture.lookup("1.2.3.256")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingDataNamesTheInstallCommand(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThatThrownBy(() -> AsnDatabase.load(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("faultline networks install");
    }

    /** The whole public dataset, read in place: every 200th row's first and last address map back to its ASN. */
    @Test
    void thePublicDatasetAnswersForEverySampledRowAtBothEdges() throws Exception {
        Path dir = sampleDir();
        AsnDatabase db = AsnDatabase.load(dir);
        assertThat(db.ranges()).isGreaterThan(400_000);
        assertThat(db.countryRanges()).isGreaterThan(100_000);
        int checked = 0;
        for (String file : List.of("asn-ipv4.csv.gz", "asn-ipv6.csv.gz")) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(dir.resolve(file))), StandardCharsets.UTF_8))) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    if (n++ % 200 != 0) {
                        continue;
                    }
                    List<String> f = Csv.fields(line);
                    long asn = Long.parseLong(f.get(2));
                    assertThat(db.lookup(f.get(0))).as(line).map(AsnInfo::asn).contains(asn);
                    assertThat(db.lookup(f.get(1))).as(line).map(AsnInfo::asn).contains(asn);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(2_000);
        assertThat(db.lookup(InetAddress.getByName("1.1.1.1"))).map(AsnInfo::organisation).contains("Cloudflare, Inc.");
        assertThat(db.lookup("8.8.8.8")).map(AsnInfo::asn).contains(15169L);
        assertThat(db.lookup("8.8.8.8")).map(AsnInfo::country).hasValueSatisfying(c -> assertThat(c).matches("[A-Z]{2}"));
    }
}
