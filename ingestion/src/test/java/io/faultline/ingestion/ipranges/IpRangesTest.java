package io.faultline.ingestion.ipranges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.testsupport.DataDir;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing and matching on the providers' published files, read in place from the shared sample data. */
class IpRangesTest {

    /** The published lists of the full sample set (the AWS list alone is 2 MB, so it is not among the committed samples). */
    static Path samples() {
        return DataDir.file("ipranges/aws-ip-ranges.json").getParent();
    }

    @Test
    void parsesEveryProviderWithItsPublicationDate() throws Exception {
        List<PublishedRanges> all = IpRangeFiles.load(samples());

        assertThat(all).extracting(PublishedRanges::provider).containsExactly("aws", "gcp", "cloudflare", "azure", "fastly", "google");
        PublishedRanges aws = all.get(0);
        // PROVENANCE.md: createDate 2025-07-24-20-23-14; 8,971 IPv4 + 4,373 IPv6 prefixes
        assertThat(aws.published()).isEqualTo("2025-07-24-20-23-14");
        assertThat(aws.ranges()).hasSize(8_971 + 4_373);
        assertThat(all.get(1).published()).isEqualTo("2025-07-24T19:16:28.780563");
        assertThat(all.get(1).ranges()).hasSize(782);
        assertThat(all.get(2).ranges()).hasSize(15 + 7);
        assertThat(all.get(2).published()).endsWith("(file time)");
        // PROVENANCE.md: Azure changeNumber 363; Fastly 19 IPv4 + 2 IPv6; goog.json 84 prefixes of 2024-04-25
        assertThat(all.get(3).published()).isEqualTo("changeNumber 363");
        assertThat(all.get(3).ranges()).allSatisfy(r -> assertThat(r.provider()).isEqualTo("azure"));
        assertThat(all.get(4).ranges()).hasSize(19 + 2);
        assertThat(all.get(5).ranges()).hasSize(84);
        assertThat(all.get(5).published()).startsWith("2024-04-25T07:05:03");
    }

    @Test
    void theMostSpecificPublishedBlockWins() throws Exception {
        List<PublishedRanges> all = IpRangeFiles.load(samples());
        IpRangeMatcher matcher = new IpRangeMatcher(all.stream().flatMap(p -> p.ranges().stream()).toList());
        IpRange ec2 = all.get(0).ranges().stream()
                .filter(r -> "EC2".equals(r.service()) && "us-east-1".equals(r.region()) && r.network().length == 4)
                .filter(r -> all.get(0).ranges().stream().anyMatch(outer -> "AMAZON".equals(outer.service())
                        && outer.length() < r.length() && outer.network().length == 4
                        && java.util.Arrays.equals(IpRange.mask(r.network(), outer.length()), outer.network())))
                .findFirst().orElseThrow();
        byte[] inside = ec2.network().clone();
        inside[3] |= 1;

        IpRange hit = matcher.match(InetAddress.getByAddress(inside)).orElseThrow();

        assertThat(hit.service()).isEqualTo("EC2");
        assertThat(hit.region()).isEqualTo("us-east-1");
        assertThat(hit.length()).isGreaterThanOrEqualTo(ec2.length());
        assertThat(matcher.match(InetAddress.getByName("104.16.0.1")).orElseThrow().provider()).isEqualTo("cloudflare");
        assertThat(matcher.match(InetAddress.getByName("2606:4700::1")).orElseThrow().provider()).isEqualTo("cloudflare");
        assertThat(matcher.match(InetAddress.getByName("192.0.2.1"))).as("TEST-NET-1 is nobody's").isEmpty();
    }

    @Test
    void malformedInputIsRejectedNamingIt(@org.junit.jupiter.api.io.TempDir Path empty) {
        assertThatThrownBy(() -> IpRange.of("x", null, null, "10.0.0.0")).hasMessageContaining("'10.0.0.0' is not a CIDR");
        assertThatThrownBy(() -> IpRange.of("x", null, null, "10.0.0.0/33")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> IpRange.of("x", null, null, "example.com/8")).hasMessageContaining("not an IP address block");
        assertThatThrownBy(() -> PublishedRanges.aws("{\"prefixes\": []}")).hasMessageContaining("createDate");
        assertThatThrownBy(() -> IpRangeFiles.load(empty)).hasMessageContaining("faultline ipranges download");
    }
}
