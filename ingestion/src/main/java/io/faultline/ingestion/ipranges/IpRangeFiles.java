package io.faultline.ingestion.ipranges;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lists {@link IpRangeDownload} writes (or the shared sample copies, same names) from a
 * directory. Cloudflare's two lists become one provider; their date is the files' modification time,
 * the only date they have on disk (Fastly's too). Azure's service tags, Fastly's list and Google's
 * goog.json (all Google space, not downloaded) are read when present. A missing file is skipped, so a
 * partial directory still works.
 */
public final class IpRangeFiles {

    private IpRangeFiles() {
    }

    public static List<PublishedRanges> load(Path dir) throws IOException {
        List<PublishedRanges> out = new ArrayList<>();
        Path aws = dir.resolve(IpRangeDownload.AWS_FILE);
        if (Files.isRegularFile(aws)) {
            out.add(PublishedRanges.aws(Files.readString(aws)));
        }
        Path google = dir.resolve(IpRangeDownload.GOOGLE_FILE);
        if (Files.isRegularFile(google)) {
            out.add(PublishedRanges.google(Files.readString(google)));
        }
        List<IpRange> cloudflare = new ArrayList<>();
        String modified = null;
        for (String file : List.of(IpRangeDownload.CLOUDFLARE_V4_FILE, IpRangeDownload.CLOUDFLARE_V6_FILE)) {
            Path path = dir.resolve(file);
            if (Files.isRegularFile(path)) {
                cloudflare.addAll(PublishedRanges.cloudflare(Files.readString(path), null).ranges());
                String time = Files.getLastModifiedTime(path).toString() + " (file time)";
                modified = modified == null ? time : modified;
            }
        }
        if (!cloudflare.isEmpty()) {
            out.add(new PublishedRanges(PublishedRanges.CLOUDFLARE, modified, cloudflare));
        }
        Path azure = dir.resolve(IpRangeDownload.AZURE_FILE);
        if (Files.isRegularFile(azure)) {
            out.add(PublishedRanges.azure(Files.readString(azure)));
        }
        Path fastly = dir.resolve(IpRangeDownload.FASTLY_FILE);
        if (Files.isRegularFile(fastly)) {
            out.add(PublishedRanges.fastly(Files.readString(fastly), Files.getLastModifiedTime(fastly) + " (file time)"));
        }
        // listed last: a block both files hold keeps its Cloud scope (the matcher keeps the first of equals)
        Path googleAll = dir.resolve(IpRangeDownload.GOOGLE_ALL_FILE);
        if (Files.isRegularFile(googleAll)) {
            out.add(PublishedRanges.googleAll(Files.readString(googleAll)));
        }
        if (out.isEmpty()) {
            throw new IOException("no IP-range files in " + dir + " (run: faultline ipranges download)");
        }
        return out;
    }
}
