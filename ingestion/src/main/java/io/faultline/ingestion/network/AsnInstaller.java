package io.faultline.ingestion.network;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code faultline networks install}: fetches the ip-location-db ASN packages from an npm
 * registry, checks each tarball against the sha512 integrity its metadata publishes, extracts
 * the ASN CSVs and licence files and installs them, with a {@code SOURCE.json} saying what was
 * installed from where, into the data directory. Everything is assembled in a staging directory
 * beside the target and swapped in at the end, so a failed or tampered download leaves the
 * previous installation (or nothing) in place, never a mix.
 */
public final class AsnInstaller {

    public static final URI DEFAULT_REGISTRY = NpmRegistry.DEFAULT_REGISTRY;
    public static final List<String> DEFAULT_PACKAGES = List.of("@ip-location-db/asn", "@ip-location-db/asn-country");
    public static final String SOURCE_FILE = "SOURCE.json";
    /** The CSVs with dotted/colon addresses; the "-num" variants (integer addresses) are not needed. */
    private static final Pattern CSV = Pattern.compile("asn(-country)?-ipv[46]\\.csv");
    private static final Pattern NOTICE = Pattern.compile("[A-Za-z_-]*(LICENSE|LICENCE|MODIFICATIONS)[A-Za-z_.-]*");
    private static final long MAX_TARBALL_BYTES = 1L << 30;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final NpmRegistry npm;
    private final URI registry;
    private final Clock clock;

    public AsnInstaller(HttpClient client, URI registry, boolean allowPrivate, Clock clock) {
        this.npm = new NpmRegistry(client, registry, allowPrivate);
        this.registry = npm.registry();
        this.clock = clock;
    }

    /** What one install did. */
    public record Installed(Path dir, List<NpmPackage> packages, List<String> files) {
    }

    /** Installs {@code version} ("latest" for each package's latest dist-tag) of every package into {@code dataDir}. */
    public Installed install(List<String> packages, String version, Path dataDir) throws IOException {
        Path target = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(target.getParent());
        Path staging = target.resolveSibling("." + target.getFileName() + ".staging-" + UUID.randomUUID());
        Files.createDirectories(staging);
        try {
            List<NpmPackage> installed = new ArrayList<>();
            List<Map<String, Object>> sources = new ArrayList<>();
            List<String> files = new ArrayList<>();
            for (String name : packages) {
                NpmPackage pkg = metadata(name, version);
                List<String> extracted = downloadAndExtract(pkg, staging);
                installed.add(pkg);
                files.addAll(extracted);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("package", pkg.name());
                s.put("version", pkg.version());
                s.put("tarball", pkg.tarball());
                s.put("integrity", pkg.integrity());
                s.put("published", pkg.published() == null ? null : pkg.published().toString());
                s.put("downloadedAt", clock.instant().toString());
                s.put("files", extracted);
                sources.add(s);
            }
            if (files.stream().noneMatch(f -> f.equals(AsnDatabase.ASN_V4) || f.equals(AsnDatabase.ASN_V6))) {
                throw new IOException("none of " + packages + " holds " + AsnDatabase.ASN_V4 + " or " + AsnDatabase.ASN_V6);
            }
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("registry", registry.toString());
            source.put("packages", sources);
            JSON.writeValue(staging.resolve(SOURCE_FILE).toFile(), source);
            swapIn(staging, target);
            return new Installed(target, installed, files);
        } finally {
            Directories.deleteRecursively(staging); // gone already after a successful swap
        }
    }

    NpmPackage metadata(String name, String version) throws IOException {
        return npm.metadata(name, version);
    }

    private List<String> downloadAndExtract(NpmPackage pkg, Path staging) throws IOException {
        Path tgz = staging.resolve(".download-" + UUID.randomUUID() + ".tgz");
        npm.download(pkg, tgz, MAX_TARBALL_BYTES);
        String prefix = pkg.name().substring(pkg.name().lastIndexOf('/') + 1);
        try {
            return NpmRegistry.extract(tgz, staging,
                    base -> CSV.matcher(base).matches() ? base : NOTICE.matcher(base).matches() ? prefix + "." + base : null);
        } finally {
            Files.deleteIfExists(tgz);
        }
    }

    /** Moves the old installation aside, the new one in, then deletes the old; restores it if the move fails. */
    private static void swapIn(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + UUID.randomUUID());
            move(target, old);
        }
        try {
            move(staging, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        if (old != null) {
            Directories.deleteRecursively(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
