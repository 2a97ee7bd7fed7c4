package io.faultline.ingestion.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads package metadata from an npm registry and downloads a version's tarball, refusing it
 * unless it matches the sha512 integrity the metadata publishes. Shared by
 * {@code faultline networks install} (ASN data) and the embedded ClickHouse installer.
 */
public final class NpmRegistry {

    public static final URI DEFAULT_REGISTRY = URI.create("https://registry.npmjs.org/");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GuardedHttp http;
    private final URI registry;

    public NpmRegistry(HttpClient client, URI registry, boolean allowPrivate) {
        this.http = new GuardedHttp(client, allowPrivate);
        this.registry = registry.toString().endsWith("/") ? registry : URI.create(registry + "/");
    }

    public URI registry() {
        return registry;
    }

    /** The metadata of {@code version} ("latest" for the latest dist-tag) of package {@code name}. */
    public NpmPackage metadata(String name, String version) throws IOException {
        if (!name.matches("(@[a-z0-9._-]+/)?[a-z0-9._-]+")) {
            throw new IllegalArgumentException("--package '" + name + "' is not an npm package name");
        }
        URI uri = registry.resolve(name.replace("/", "%2F"));
        JsonNode meta;
        try (InputStream in = http.get(uri, "application/json", Duration.ofSeconds(60))) {
            meta = JSON.readTree(in);
        }
        String v = "latest".equals(version) ? meta.path("dist-tags").path("latest").asText(null) : version;
        JsonNode dist = v == null ? null : meta.path("versions").path(v).path("dist");
        if (dist == null || dist.isMissingNode()) {
            throw new IOException("package " + name + " has no version '" + version + "' at " + uri);
        }
        String tarball = dist.path("tarball").asText(null);
        String integrity = sha512(dist.path("integrity").asText(""));
        if (tarball == null) {
            throw new IOException(name + "@" + v + ": metadata has no tarball URL");
        }
        if (integrity == null) {
            throw new IOException(name + "@" + v + ": metadata has no sha512 integrity, refusing an unverifiable download");
        }
        Instant published = null;
        String time = meta.path("time").path(v).asText(null);
        if (time != null) {
            try {
                published = Instant.parse(time);
            } catch (DateTimeParseException e) {
                published = null; // recorded as unknown rather than guessed
            }
        }
        return new NpmPackage(name, v, tarball, integrity, published);
    }

    /** The sha512 entry of an SRI string ("sha512-<base64> sha1-…"), or null. */
    private static String sha512(String sri) {
        for (String part : sri.trim().split("\\s+")) {
            if (part.startsWith("sha512-")) {
                return part;
            }
        }
        return null;
    }

    /** Downloads the tarball of {@code pkg} to {@code tgz}; deletes it and fails if it is larger than maxBytes or fails the integrity check. */
    public void download(NpmPackage pkg, Path tgz, long maxBytes) throws IOException {
        MessageDigest sha512;
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        boolean ok = false;
        try {
            try (InputStream in = new DigestInputStream(http.get(URI.create(pkg.tarball()), "application/octet-stream",
                    Duration.ofMinutes(10)), sha512); OutputStream out = Files.newOutputStream(tgz)) {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new IOException(pkg.tarball() + " is larger than " + maxBytes + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
            String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
            if (!actual.equals(pkg.integrity())) {
                throw new IOException("integrity check failed for " + pkg.name() + "@" + pkg.version() + " (" + pkg.tarball()
                        + "): the registry says " + pkg.integrity() + " but the download is " + actual + "; nothing was installed");
            }
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tgz);
            }
        }
    }

    /**
     * Copies the regular files of a package tarball into {@code dir}: {@code destination} maps an
     * entry's base name to the file name to write, or null to skip it (entry names are never used
     * as paths). Returns the names written.
     */
    public static List<String> extract(Path tgz, Path dir, UnaryOperator<String> destination) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(tgz)) {
            TarGz tar = new TarGz(raw);
            TarGz.Entry e;
            while ((e = tar.next()) != null) {
                String base = e.name().substring(e.name().lastIndexOf('/') + 1);
                String dest = destination.apply(base);
                if (dest == null) {
                    continue;
                }
                Files.copy(e.body(), dir.resolve(dest), StandardCopyOption.REPLACE_EXISTING);
                out.add(dest);
            }
        }
        return out;
    }
}
