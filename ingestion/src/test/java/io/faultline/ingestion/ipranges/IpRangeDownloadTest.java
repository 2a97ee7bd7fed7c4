package io.faultline.ingestion.ipranges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server that serves the shared sample copies, as the providers would. */
class IpRangeDownloadTest {

    private static final String LAST_MODIFIED = "Tue, 29 Oct 2024 10:00:00 GMT";

    private HttpServer server;
    private IpRangeDownload.Sources sources;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        route("/ip-ranges.json", IpRangesTest.samples().resolve("aws-ip-ranges.json"), null);
        route("/cloud.json", IpRangesTest.samples().resolve("google-cloud-ip-ranges.json"), null);
        route("/ips-v4", IpRangesTest.samples().resolve("cloudflare-v4-ip-ranges.txt"), LAST_MODIFIED);
        route("/ips-v6", IpRangesTest.samples().resolve("cloudflare-v6-ip-ranges.txt"), null);
        route("/public-ip-list", IpRangesTest.samples().resolve("fastly-ip-ranges.json"), null);
        route("/download/x/ServiceTags_Public_20250721.json", IpRangesTest.samples().resolve("microsoft-azure-ip-ranges.json"), null);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/details.aspx", exchange -> {
            // the shape of the download page: the weekly file's URL inside the page's markup
            byte[] body = ("<html><a href=\"" + base + "/download/x/ServiceTags_Public_20250721.json\">click here</a></html>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sources = new IpRangeDownload.Sources(URI.create(base + "/ip-ranges.json"), URI.create(base + "/cloud.json"),
                URI.create(base + "/ips-v4"), URI.create(base + "/ips-v6"), URI.create(base + "/public-ip-list"),
                URI.create(base + "/details.aspx"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void writesTheListsAndReportsTheirPublicationDates(@TempDir Path dir) throws Exception {
        List<IpRangeDownload.Downloaded> files = new IpRangeDownload(HttpClient.newHttpClient(), true)
                .downloadAll(sources, dir.resolve("ipranges"));

        assertThat(files).extracting(IpRangeDownload.Downloaded::file).containsExactly("aws-ip-ranges.json",
                "google-cloud-ip-ranges.json", "cloudflare-v4-ip-ranges.txt", "cloudflare-v6-ip-ranges.txt",
                "fastly-ip-ranges.json", "microsoft-azure-ip-ranges.json");
        assertThat(files.get(4).prefixes()).isEqualTo(19 + 2);
        assertThat(files.get(5).published()).isEqualTo("changeNumber 363");
        assertThat(files.get(5).from().toString()).endsWith("/download/x/ServiceTags_Public_20250721.json");
        assertThat(files.get(0).published()).isEqualTo("2025-07-24-20-23-14");
        assertThat(files.get(1).published()).isEqualTo("2025-07-24T19:16:28.780563");
        assertThat(files.get(2).published()).isEqualTo(LAST_MODIFIED + " (Last-Modified)");
        assertThat(files.get(3).published()).endsWith("(Date of download; no Last-Modified)");
        assertThat(Files.readString(dir.resolve("ipranges/aws-ip-ranges.json")))
                .isEqualTo(Files.readString(IpRangesTest.samples().resolve("aws-ip-ranges.json")));
        assertThat(IpRangeFiles.load(dir.resolve("ipranges"))).extracting(PublishedRanges::provider)
                .containsExactly("aws", "gcp", "cloudflare", "azure", "fastly");
    }

    @Test
    void aPrivateAddressIsRefusedUnlessAllowed(@TempDir Path dir) {
        assertThatThrownBy(() -> new IpRangeDownload(HttpClient.newHttpClient(), false).downloadAll(sources, dir))
                .isInstanceOf(IOException.class).hasMessageContaining("refused").hasMessageContaining("allow-private");
        assertThat(dir.resolve("aws-ip-ranges.json")).doesNotExist();
    }

    @Test
    void anHttpErrorFailsNamingTheUrl(@TempDir Path dir) {
        IpRangeDownload.Sources broken = new IpRangeDownload.Sources(URI.create(sources.aws() + "-missing"),
                sources.google(), sources.cloudflareV4(), sources.cloudflareV6(), sources.fastly(), sources.azurePage());
        assertThatThrownBy(() -> new IpRangeDownload(HttpClient.newHttpClient(), true).downloadAll(broken, dir))
                .hasMessageContaining("ip-ranges.json-missing: HTTP 404");
    }

    @Test
    void anAzurePageWithoutTheFileLinkIsNamedWithWhatToDo() {
        assertThatThrownBy(() -> IpRangeDownload.azureFile(URI.create("https://www.microsoft.com/x"), "<html>moved</html>"))
                .hasMessageContaining("https://www.microsoft.com/x: no link to a ServiceTags_Public_YYYYMMDD.json")
                .hasMessageContaining("microsoft-azure-ip-ranges.json");
    }

    private void route(String path, Path file, String lastModified) {
        server.createContext(path, exchange -> {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readString(file).getBytes(StandardCharsets.UTF_8);
            if (lastModified != null) {
                exchange.getResponseHeaders().add("Last-Modified", lastModified);
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}
