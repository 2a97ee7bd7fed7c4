package io.faultline.ingestion.ipranges;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Azure service tags and Fastly's list: parsing, and which label wins for a block several tags hold. */
class AzureFastlyRangesTest {

    // the shape of ServiceTags_Public (changeNumber 363): the same /15 under the umbrella tag and its regional tag
    static final String AZURE = """
            {"changeNumber": 363, "cloud": "Public", "values": [
              {"name": "AzureCloud", "properties": {"region": "", "addressPrefixes": ["4.156.0.0/15"]}},
              {"name": "AzureCloud.eastus", "properties": {"region": "eastus", "addressPrefixes": ["4.156.0.0/15"]}},
              {"name": "AzureFrontDoor.Frontend", "properties": {"region": "", "addressPrefixes": ["13.105.221.0/24"]}},
              {"name": "AzureCloud", "properties": {"region": "", "addressPrefixes": ["13.105.221.0/24"]}}]}
            """;

    @Test
    void azureTagsGiveRegionsAndFrontDoorAndFastlyIsACdn() throws Exception {
        PublishedRanges azure = PublishedRanges.azure(AZURE);
        PublishedRanges fastly = PublishedRanges.fastly("{\"addresses\":[\"151.101.0.0/16\"],\"ipv6_addresses\":[\"2a04:4e42::/32\"]}",
                "Fri (file time)");
        assertThat(azure.published()).isEqualTo("changeNumber 363");
        assertThat(fastly.ranges()).hasSize(2);

        EdgeDiscovery d = new EdgeDiscovery(List.of(azure, fastly), null);
        Set<String> known = Set.of("azure", "azure/eastus", "azure-front-door", "fastly");
        EdgeDiscovery.RangeMatch eastus = d.match(InetAddress.getByName("4.156.0.10"), known::contains).orElseThrow();
        assertThat(eastus.target()).isEqualTo("azure/eastus");
        assertThat(eastus.kind()).isEqualTo("hosting");
        assertThat(eastus.source()).startsWith(IpRangeDownload.AZURE_URL + " (4.156.0.0/15 AzureCloud.eastus, published changeNumber 363)");
        EdgeDiscovery.RangeMatch afd = d.match(InetAddress.getByName("13.105.221.10"), known::contains).orElseThrow();
        assertThat(afd.target()).isEqualTo("azure-front-door");
        assertThat(afd.kind()).isEqualTo("cdn");
        assertThat(d.match(InetAddress.getByName("2a04:4e42::1"), known::contains).orElseThrow().target()).isEqualTo("fastly");
        assertThat(d.match(InetAddress.getByName("4.156.0.10"), Set.of("azure")::contains).orElseThrow().target()).isEqualTo("azure");
    }
}
