package io.faultline.app;

import io.faultline.ingestion.network.AsnDatabase;
import io.faultline.ingestion.network.AsnNetworkTagger;
import io.faultline.ingestion.probe.NetworkTagger;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.faultline.app.networks.NetworksCommand;

/**
 * {@code --asn-data DIR}: the ASN dataset that gives probe records their network (ASN, organisation,
 * country) when the source did not say. Optional: without it (and without {@code faultline networks
 * install}'s copy in {@code .faultline/data/asn}) records keep what their source said.
 */
public final class AsnDataOption {

    static final Path INSTALLED = Path.of(NetworksCommand.DEFAULT_DATA_DIR);

    @Option(names = "--asn-data", paramLabel = "DIR", description = "ASN dataset directory used to fill in a probe's "
            + "ASN, organisation and country when missing (default: " + NetworksCommand.DEFAULT_DATA_DIR
            + " when present; see 'faultline networks install').")
    Path asnData;

    /** The tagger over the dataset, or {@link NetworkTagger#NONE} when none was given or installed. */
    public NetworkTagger tagger() {
        Path dir = asnData != null ? asnData : INSTALLED;
        if (asnData == null && !Files.isDirectory(dir)) {
            return NetworkTagger.NONE;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--asn-data " + dir + ": no such directory (install the data with "
                    + "'faultline networks install', or point --asn-data at a copy)");
        }
        try {
            return new AsnNetworkTagger(AsnDatabase.load(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("--asn-data " + dir + ": cannot read the ASN dataset: " + e.getMessage(), e);
        }
    }
}
