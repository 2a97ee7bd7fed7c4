package io.faultline.clickhouse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.faultline.testsupport.ServedFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installer against a local registry serving a small stand-in package: verified, cached once, nothing left on a bad download. */
class EngineInstallerTest {

    @TempDir
    Path tmp;
    ServedFiles server;

    @BeforeEach
    void serve() throws Exception {
        server = ServedFiles.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    EngineInstaller installer() {
        return new EngineInstaller(HttpClient.newHttpClient(), server.uri("/"), true);
    }

    /** package/libchdb.so (a stand-in) and package.json, packed by tar as npm packs. */
    byte[] tarball(String library) throws Exception {
        Path pkg = Files.createDirectories(tmp.resolve("src/package"));
        Files.writeString(pkg.resolve(EngineInstaller.LIBRARY), library);
        Files.writeString(pkg.resolve("package.json"), "{}\n");
        Path out = tmp.resolve("pkg.tgz");
        Process p = new ProcessBuilder("tar", "-czf", out.toString(), "-C", tmp.resolve("src").toString(), "package")
                .redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            in.readAllBytes();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Files.readAllBytes(out);
    }

    void publish(byte[] tarball, String integrity) {
        String url = server.uri("/tarballs/lib.tgz").toString();
        String meta = "{\"name\":\"" + EngineInstaller.PACKAGE + "\",\"versions\":{\"" + EngineInstaller.VERSION + "\":{\"dist\":"
                + "{\"integrity\":\"" + integrity + "\",\"tarball\":\"" + url + "\"}}}}";
        server.served.put("/@chdb%2Flib-linux-x64-gnu", meta.getBytes(StandardCharsets.UTF_8));
        server.served.put("/tarballs/lib.tgz", tarball);
    }

    static String integrityOf(byte[] bytes) throws Exception {
        return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes));
    }

    @Test
    void installsTheVerifiedLibraryOnceWithItsSource() throws Exception {
        byte[] tgz = tarball("not really an engine");
        publish(tgz, integrityOf(tgz));
        List<String> progress = new ArrayList<>();
        Path faultline = tmp.resolve(".faultline");

        Path lib = installer().ensureInstalled(faultline, progress::add);

        assertThat(lib).isEqualTo(EngineInstaller.libraryIn(faultline)).hasContent("not really an engine");
        assertThat(lib.resolveSibling(EngineInstaller.SOURCE_FILE)).content().contains(integrityOf(tgz), EngineInstaller.VERSION);
        assertThat(progress).singleElement().asString().contains(EngineInstaller.PACKAGE + "@" + EngineInstaller.VERSION);
        int asked = server.requests.size();
        assertThat(installer().ensureInstalled(faultline, progress::add)).isEqualTo(lib);
        assertThat(server.requests).as("installed already: the registry is not asked again").hasSize(asked);
        assertThat(progress).hasSize(1);
    }

    @Test
    void aDownloadThatFailsItsIntegrityLeavesNothing() throws Exception {
        byte[] tgz = tarball("tampered");
        publish(tgz, integrityOf("what the registry published".getBytes(StandardCharsets.UTF_8)));
        Path faultline = tmp.resolve(".faultline");

        assertThatThrownBy(() -> installer().ensureInstalled(faultline, s -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("integrity check failed");
        assertThat(EngineInstaller.installed(faultline)).isEmpty();
        try (Stream<Path> left = Files.list(faultline.resolve("clickhouse"))) {
            assertThat(left).as("no staging directory left behind").isEmpty();
        }
    }

    @Test
    void aRegistryWithoutTheVersionIsNamed() {
        assertThatThrownBy(() -> installer().ensureInstalled(tmp.resolve(".faultline"), s -> { }))
                .isInstanceOf(IOException.class).hasMessageContaining("answered HTTP 404");
    }
}
