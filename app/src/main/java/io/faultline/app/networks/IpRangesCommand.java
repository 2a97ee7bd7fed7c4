package io.faultline.app.networks;

import io.faultline.ingestion.ipranges.IpRangeDownload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.faultline.app.CommandGroup;

/** {@code faultline ipranges download}: the providers' published IP ranges into the data directory. */
@Command(name = "ipranges", mixinStandardHelpOptions = true,
        description = "Published cloud/CDN IP ranges (AWS, Google Cloud, Cloudflare, Fastly, Azure), used by 'discover edges'.",
        subcommands = {IpRangesCommand.Download.class})
public final class IpRangesCommand extends CommandGroup {

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = "Download AWS ip-ranges.json, Google cloud.json, Cloudflare ips-v4/ips-v6, Fastly's public-ip-list and "
                    + "Azure's current service tags (linked from its download page) and report their publication dates.")
    static final class Download implements Callable<Integer> {

        @Option(names = "--data-dir", defaultValue = ".faultline/data/ipranges", description = "Target directory (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Option(names = "--aws-url", description = "Default: " + "https://ip-ranges.amazonaws.com/ip-ranges.json")
        URI aws = IpRangeDownload.AWS_URL;

        @Option(names = "--google-url", description = "Default: https://www.gstatic.com/ipranges/cloud.json")
        URI google = IpRangeDownload.GOOGLE_URL;

        @Option(names = "--cloudflare-v4-url", description = "Default: https://www.cloudflare.com/ips-v4")
        URI cloudflareV4 = IpRangeDownload.CLOUDFLARE_V4_URL;

        @Option(names = "--cloudflare-v6-url", description = "Default: https://www.cloudflare.com/ips-v6")
        URI cloudflareV6 = IpRangeDownload.CLOUDFLARE_V6_URL;

        @Option(names = "--fastly-url", description = "Default: https://api.fastly.com/public-ip-list")
        URI fastly = IpRangeDownload.FASTLY_URL;

        @Option(names = "--azure-page-url", description = "Page linking to Azure's weekly ServiceTags_Public_*.json. Default: "
                + "https://www.microsoft.com/en-us/download/details.aspx?id=56519")
        URI azurePage = IpRangeDownload.AZURE_URL;

        @Option(names = "--skip-azure", description = "Do not fetch Azure's service tags (e.g. when its download page changed; "
                + "put the file in the data directory by hand as microsoft-azure-ip-ranges.json instead).")
        boolean skipAzure;

        @Option(names = "--allow-private", description = "Allow URLs on private/loopback addresses (a local mirror).")
        boolean allowPrivate;

        @Override
        public Integer call() throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            List<IpRangeDownload.Downloaded> files = new IpRangeDownload(http, allowPrivate)
                    .downloadAll(new IpRangeDownload.Sources(aws, google, cloudflareV4, cloudflareV6, fastly,
                            skipAzure ? null : azurePage), dir);
            System.out.println("faultline ipranges download: " + files.size() + " files into " + dir);
            for (IpRangeDownload.Downloaded f : files) {
                System.out.printf(Locale.ROOT, "  %-30s %,7d prefixes  published %s%n      from %s%n",
                        f.file(), f.prefixes(), f.published(), f.from());
            }
            return 0;
        }
    }
}
