package io.faultline.ingestion.network;

import io.faultline.testsupport.ServedFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The installer against a registry this test serves: metadata and a tarball made here with the system's tar. */
class AsnInstallerTest {

    static final Instant T0 = Instant.parse("2026-11-23T21:00:00Z");
    static final String PACKAGE = "@ip-location-db/asn";
    static final String VERSION = "2.3.2026061719";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    ServedFiles server;
    byte[] tarball;

    @BeforeEach
    void serve() throws Exception {
        server = ServedFiles.start();
        tarball = packTarball();
        publish(integrityOf(tarball));
        server.served.put("/tarballs/asn-" + VERSION + ".tgz", tarball);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    URI registry() {
        return server.uri("/");
    }

    AsnInstaller installer(boolean allowPrivate) {
        return new AsnInstaller(HttpClient.newHttpClient(), registry(), allowPrivate, Clock.fixed(T0, ZoneOffset.UTC));
    }

    /** package/ with the CSV, its integer twin (not wanted), a licence and a README, packed by tar like npm does. */
    byte[] packTarball() throws Exception {
        Path pkg = tmp.resolve("src/package");
        Files.createDirectories(pkg);
        Files.copy(Path.of(getClass().getResource("/network/asn-ipv4.csv").toURI()), pkg.resolve("asn-ipv4.csv"));
        Files.writeString(pkg.resolve("asn-ipv4-num.csv"), "16843008,16843263,13335,\"Cloudflare, Inc.\"\n");
        Files.writeString(pkg.resolve("ROUTEVIEWS-LICENSE"), "routeviews licence text\n");
        Files.writeString(pkg.resolve("README.md"), "# readme\n");
        Files.writeString(pkg.resolve("package.json"), "{\"name\":\"" + PACKAGE + "\"}\n");
        Path out = tmp.resolve("pkg.tgz");
        Process p = new ProcessBuilder("tar", "-czf", out.toString(), "-C", tmp.resolve("src").toString(), "package")
                .redirectErrorStream(true).start();
        String log;
        try (InputStream in = p.getInputStream()) {
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        return Files.readAllBytes(out);
    }

    static String integrityOf(byte[] bytes) throws Exception {
        return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
    }

    void publish(String integrity) {
        String tarballUrl = registry() + "tarballs/asn-" + VERSION + ".tgz";
        String meta = "{\"name\":\"" + PACKAGE + "\",\"dist-tags\":{\"latest\":\"" + VERSION + "\"},"
                + "\"versions\":{\"" + VERSION + "\":{\"name\":\"" + PACKAGE + "\",\"version\":\"" + VERSION + "\","
                + "\"dist\":{\"integrity\":\"" + integrity + "\",\"shasum\":\"00\",\"tarball\":\"" + tarballUrl + "\"}}},"
                + "\"time\":{\"" + VERSION + "\":\"2026-09-16T07:11:09.019Z\"}}";
        server.served.put("/@ip-location-db%2Fasn", meta.getBytes(StandardCharsets.UTF_8));
    }

    List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("data"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void installsTheCsvAndLicenceWithASourceRecordAndTheDatabaseLoadsIt() throws Exception {
        Path dir = tmp.resolve("data/asn");
        AsnInstaller.Installed done = installer(true).install(List.of(PACKAGE), "latest", dir);

        assertThat(done.files()).containsExactlyInAnyOrder("asn-ipv4.csv", "asn.ROUTEVIEWS-LICENSE");
        assertThat(dir.resolve("asn-ipv4-num.csv")).doesNotExist();
        assertThat(dir.resolve("README.md")).doesNotExist();
        assertThat(dir.resolve("asn-ipv4.csv")).hasSameTextualContentAs(tmp.resolve("src/package/asn-ipv4.csv"));
        JsonNode source = JSON.readTree(dir.resolve("SOURCE.json").toFile());
        JsonNode pkg = source.path("packages").get(0);
        assertThat(pkg.path("package").asText()).isEqualTo(PACKAGE);
        assertThat(pkg.path("version").asText()).isEqualTo(VERSION);
        assertThat(pkg.path("tarball").asText()).isEqualTo(registry() + "tarballs/asn-" + VERSION + ".tgz");
        assertThat(pkg.path("integrity").asText()).isEqualTo(integrityOf(tarball));
        assertThat(pkg.path("published").asText()).isEqualTo("2026-09-16T07:11:09.019Z");
        assertThat(pkg.path("downloadedAt").asText()).isEqualTo(T0.toString());
        assertThat(AsnDatabase.load(dir).lookup("1.1.1.1")).map(AsnInfo::asn).contains(13335L);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aTarballThatDoesNotMatchItsIntegrityIsRefusedAndNothingIsWritten() throws Exception {
        publish(integrityOf("something else".getBytes(StandardCharsets.UTF_8)));
        Path dir = tmp.resolve("data/asn");

        assertThatThrownBy(() -> installer(true).install(List.of(PACKAGE), "latest", dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("integrity check failed")
                .hasMessageContaining(integrityOf(tarball))
                .hasMessageContaining("nothing was installed");
        assertThat(dir).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFailedUpdateLeavesThePreviousInstallationUntouched() throws Exception {
        Path dir = tmp.resolve("data/asn");
        installer(true).install(List.of(PACKAGE), "latest", dir);
        byte[] before = Files.readAllBytes(dir.resolve("SOURCE.json"));

        server.served.put("/tarballs/asn-" + VERSION + ".tgz", "tampered".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> installer(true).install(List.of(PACKAGE), "latest", dir))
                .hasMessageContaining("integrity check failed");

        assertThat(Files.readAllBytes(dir.resolve("SOURCE.json"))).isEqualTo(before);
        assertThat(dir.resolve("asn-ipv4.csv")).exists();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anUnknownVersionOrMissingPackageIsAClearError() {
        Path dir = tmp.resolve("data/asn");
        assertThatThrownBy(() -> installer(true).install(List.of(PACKAGE), "9.9.9", dir))
                .hasMessageContaining("no version '9.9.9'");
        assertThatThrownBy(() -> installer(true).install(List.of("@ip-location-db/nope"), "latest", dir))
                .hasMessageContaining("HTTP 404");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aRegistryOnTheLoopbackIsRefusedUnlessPrivateAddressesAreAllowed() throws Exception {
        Path dir = tmp.resolve("data/asn");
        assertThatThrownBy(() -> installer(false).install(List.of(PACKAGE), "latest", dir))
                .hasMessageContaining("loopback").hasMessageContaining("--allow-private-addresses");
        assertThat(dir).doesNotExist();
    }
}
