package io.faultline.ingestion.ipranges;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One provider's published IP ranges, parsed from the text the provider serves, with the date the
 * file says it was published (AWS {@code createDate}, Google {@code creationTime}; Cloudflare's lists
 * carry none, the caller supplies the HTTP Last-Modified or Date). Plain strings in, no I/O.
 */
public record PublishedRanges(String provider, String published, List<IpRange> ranges) {

    public static final String AWS = "aws";
    public static final String GOOGLE = "gcp";
    public static final String CLOUDFLARE = "cloudflare";
    public static final String AZURE = "azure";
    public static final String FASTLY = "fastly";
    /** Google's goog.json: all Google address space (Cloud and Google's own services), no regions. */
    public static final String GOOGLE_ALL = "google";

    private static final ObjectMapper JSON = new ObjectMapper();

    public PublishedRanges {
        ranges = List.copyOf(ranges);
    }

    /** AWS {@code ip-ranges.json}: {@code prefixes[].ip_prefix} and {@code ipv6_prefixes[].ipv6_prefix}. */
    public static PublishedRanges aws(String json) {
        JsonNode root = read(json, "AWS ip-ranges.json");
        List<IpRange> out = new ArrayList<>();
        for (JsonNode p : root.path("prefixes")) {
            out.add(IpRange.of(AWS, region(p.path("region").asText(null)), p.path("service").asText(null), p.path("ip_prefix").asText()));
        }
        for (JsonNode p : root.path("ipv6_prefixes")) {
            out.add(IpRange.of(AWS, region(p.path("region").asText(null)), p.path("service").asText(null), p.path("ipv6_prefix").asText()));
        }
        return new PublishedRanges(AWS, required(root, "createDate", "AWS ip-ranges.json"), out);
    }

    /** Google {@code cloud.json}: {@code prefixes[].ipv4Prefix|ipv6Prefix} with {@code scope} as region. */
    public static PublishedRanges google(String json) {
        JsonNode root = read(json, "Google cloud.json");
        List<IpRange> out = new ArrayList<>();
        for (JsonNode p : root.path("prefixes")) {
            String cidr = p.hasNonNull("ipv4Prefix") ? p.get("ipv4Prefix").asText() : p.path("ipv6Prefix").asText();
            out.add(IpRange.of(GOOGLE, region(p.path("scope").asText(null)), p.path("service").asText(null), cidr));
        }
        return new PublishedRanges(GOOGLE, required(root, "creationTime", "Google cloud.json"), out);
    }

    /** Cloudflare {@code ips-v4} / {@code ips-v6}: one CIDR per line (no trailing newline as served). */
    public static PublishedRanges cloudflare(String text, String published) {
        List<IpRange> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                out.add(IpRange.of(CLOUDFLARE, null, "CDN", line.trim()));
            }
        }
        return new PublishedRanges(CLOUDFLARE, published, out);
    }

    /**
     * Azure Service Tags ({@code ServiceTags_Public_*.json}): {@code values[]} with {@code name} (e.g.
     * {@code AzureCloud.eastus}, {@code AzureFrontDoor.Frontend}) as the service label and
     * {@code properties.region} as region; the file's date stamp is its {@code changeNumber}.
     */
    public static PublishedRanges azure(String json) {
        JsonNode root = read(json, "Azure service tags");
        List<IpRange> out = new ArrayList<>();
        for (JsonNode tag : root.path("values")) {
            String name = tag.path("name").asText(null);
            String region = region(tag.path("properties").path("region").asText(null));
            for (JsonNode prefix : tag.path("properties").path("addressPrefixes")) {
                out.add(IpRange.of(AZURE, region, name, prefix.asText()));
            }
        }
        return new PublishedRanges(AZURE, "changeNumber " + required(root, "changeNumber", "Azure service tags"), out);
    }

    /** Fastly {@code public-ip-list}: {@code addresses} and {@code ipv6_addresses}; no date in the file. */
    public static PublishedRanges fastly(String json, String published) {
        JsonNode root = read(json, "Fastly public-ip-list");
        List<IpRange> out = new ArrayList<>();
        for (String field : List.of("addresses", "ipv6_addresses")) {
            for (JsonNode cidr : root.path(field)) {
                out.add(IpRange.of(FASTLY, null, "CDN", cidr.asText()));
            }
        }
        return new PublishedRanges(FASTLY, published, out);
    }

    /** Google {@code goog.json}: every Google prefix, no scope; the provider is {@link #GOOGLE_ALL}. */
    public static PublishedRanges googleAll(String json) {
        JsonNode root = read(json, "Google goog.json");
        List<IpRange> out = new ArrayList<>();
        for (JsonNode p : root.path("prefixes")) {
            String cidr = p.hasNonNull("ipv4Prefix") ? p.get("ipv4Prefix").asText() : p.path("ipv6Prefix").asText();
            out.add(IpRange.of(GOOGLE_ALL, null, null, cidr));
        }
        return new PublishedRanges(GOOGLE_ALL, required(root, "creationTime", "Google goog.json"), out);
    }

    private static String region(String value) {
        return value == null || value.isBlank() || value.equalsIgnoreCase("GLOBAL") || value.equalsIgnoreCase("global")
                ? null : value;
    }

    private static JsonNode read(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode root, String field, String what) {
        if (!root.hasNonNull(field)) {
            throw new IllegalArgumentException(what + " has no '" + field + "'");
        }
        return root.get(field).asText();
    }
}
