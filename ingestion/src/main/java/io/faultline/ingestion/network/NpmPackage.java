package io.faultline.ingestion.network;

import java.time.Instant;

/** One version of an npm package as its registry metadata describes it. */
public record NpmPackage(String name, String version, String tarball, String integrity, Instant published) {
}
