package io.faultline.ingestion.ipranges;

import io.faultline.ingestion.statuspage.AddressGuard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads the providers' published IP ranges into a directory and reports what each file says
 * about its publication date. Every URL is checked with {@link AddressGuard} before it is fetched
 * (a private address is refused unless {@code allowPrivate}); a file is replaced only after a
 * complete, parseable download.
 */
public final class IpRangeDownload {

    public static final URI AWS_URL = URI.create("https://ip-ranges.amazonaws.com/ip-ranges.json");
    public static final URI GOOGLE_URL = URI.create("https://www.gstatic.com/ipranges/cloud.json");
    public static final URI CLOUDFLARE_V4_URL = URI.create("https://www.cloudflare.com/ips-v4");
    public static final URI CLOUDFLARE_V6_URL = URI.create("https://www.cloudflare.com/ips-v6");

    /** File names in the data directory (the same as the copies in the shared sample data). */
    public static final String AWS_FILE = "aws-ip-ranges.json";
    public static final String GOOGLE_FILE = "google-cloud-ip-ranges.json";
    public static final String CLOUDFLARE_V4_FILE = "cloudflare-v4-ip-ranges.txt";
    public static final String CLOUDFLARE_V6_FILE = "cloudflare-v6-ip-ranges.txt";
    public static final String AZURE_FILE = "microsoft-azure-ip-ranges.json";
    public static final String FASTLY_FILE = "fastly-ip-ranges.json";
    public static final String GOOGLE_ALL_FILE = "google-goog.json";

    /**
     * Azure's service tags have no stable URL: the file (ServiceTags_Public_YYYYMMDD.json) changes name
     * every week, and this download page links to the current one.
     */
    public static final URI AZURE_URL = URI.create("https://www.microsoft.com/en-us/download/details.aspx?id=56519");
    public static final URI FASTLY_URL = URI.create("https://api.fastly.com/public-ip-list");
    /** Google's list of all its address space; read when present, not downloaded (cloud.json is). */
    public static final URI GOOGLE_ALL_URL = URI.create("https://www.gstatic.com/ipranges/goog.json");

    private static final java.util.regex.Pattern AZURE_FILE_LINK =
            java.util.regex.Pattern.compile("https?://[^\"'\\s<>]+/ServiceTags_Public_(\\d{8})\\.json");

    /** Where each list comes from; a null {@code fastly} or {@code azurePage} skips that list. */
    public record Sources(URI aws, URI google, URI cloudflareV4, URI cloudflareV6, URI fastly, URI azurePage) {
        public static Sources official() {
            return new Sources(AWS_URL, GOOGLE_URL, CLOUDFLARE_V4_URL, CLOUDFLARE_V6_URL, FASTLY_URL, AZURE_URL);
        }
    }

    /** One downloaded file. */
    public record Downloaded(String file, URI from, long bytes, int prefixes, String published) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final boolean allowPrivate;

    public IpRangeDownload(HttpClient http, boolean allowPrivate) {
        this.http = http;
        this.allowPrivate = allowPrivate;
    }

    public List<Downloaded> downloadAll(Sources sources, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<Downloaded> out = new ArrayList<>();
        HttpResponse<String> aws = fetch(sources.aws());
        out.add(save(dir, AWS_FILE, sources.aws(), aws.body(), PublishedRanges.aws(aws.body())));
        HttpResponse<String> google = fetch(sources.google());
        out.add(save(dir, GOOGLE_FILE, sources.google(), google.body(), PublishedRanges.google(google.body())));
        HttpResponse<String> v4 = fetch(sources.cloudflareV4());
        out.add(save(dir, CLOUDFLARE_V4_FILE, sources.cloudflareV4(), v4.body(),
                PublishedRanges.cloudflare(v4.body(), httpDate(v4))));
        HttpResponse<String> v6 = fetch(sources.cloudflareV6());
        out.add(save(dir, CLOUDFLARE_V6_FILE, sources.cloudflareV6(), v6.body(),
                PublishedRanges.cloudflare(v6.body(), httpDate(v6))));
        if (sources.fastly() != null) {
            HttpResponse<String> fastly = fetch(sources.fastly());
            out.add(save(dir, FASTLY_FILE, sources.fastly(), fastly.body(), PublishedRanges.fastly(fastly.body(), httpDate(fastly))));
        }
        if (sources.azurePage() != null) {
            URI file = azureFile(sources.azurePage(), fetch(sources.azurePage()).body());
            HttpResponse<String> azure = fetch(file);
            out.add(save(dir, AZURE_FILE, file, azure.body(), PublishedRanges.azure(azure.body())));
        }
        return out;
    }

    /** The current service-tags file the download page links to. */
    static URI azureFile(URI page, String html) throws IOException {
        java.util.regex.Matcher m = AZURE_FILE_LINK.matcher(html);
        if (!m.find()) {
            throw new IOException(page + ": no link to a ServiceTags_Public_YYYYMMDD.json file on the page (Microsoft may "
                    + "have changed it); download the file by hand into the data directory as " + AZURE_FILE);
        }
        return URI.create(m.group());
    }

    /** Cloudflare's lists carry no date: the Last-Modified header, else the response's Date. */
    static String httpDate(HttpResponse<?> response) {
        return response.headers().firstValue("Last-Modified").map(v -> v + " (Last-Modified)")
                .or(() -> response.headers().firstValue("Date").map(v -> v + " (Date of download; no Last-Modified)"))
                .orElse("unknown (no Last-Modified or Date header)");
    }

    private HttpResponse<String> fetch(URI uri) throws IOException, InterruptedException {
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IOException(uri + ": only http(s) URLs are fetched");
        }
        for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
            var refusal = AddressGuard.refusal(address, allowPrivate);
            if (refusal.isPresent()) {
                throw new IOException(uri + " resolves to " + address.getHostAddress() + ": refused (" + refusal.get()
                        + "); set allow-private to fetch from a private network");
            }
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + ": HTTP " + response.statusCode());
        }
        return response;
    }

    private static Downloaded save(Path dir, String file, URI from, String body, PublishedRanges parsed) throws IOException {
        Path tmp = dir.resolve(file + ".part");
        Files.writeString(tmp, body);
        Files.move(tmp, dir.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Downloaded(file, from, body.length(), parsed.ranges().size(), parsed.published());
    }
}
