package io.faultline.ingestion.statuspage.poll;

import io.faultline.avro.StatusPageFormat;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.statuspage.PageSnapshot;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds which supported format a status page speaks: for each format it fetches the format's known
 * public endpoint under the given URL (Statuspage {@code /api/v2/summary.json}, Instatus
 * {@code /summary.json}, Slack {@code /api/v2.0.0/current}, or the URL itself for feeds, Google
 * Cloud and AWS) and parses it. A format answers when the endpoint returns a body its parser reads
 * as a page. Fetches go through {@link HttpFetcher}, so the private-address guard, the size cap and
 * the timeouts of the poller apply. Instatus is tried before Statuspage: both serve a
 * {@code summary.json} with a {@code page}, but only Instatus's carries a page status word.
 */
public final class FormatDetector {

    /** The order formats are tried in; the first that answers is the page's format. */
    public static final List<String> ORDER = List.of("instatus", "statuspage-v2", "slack-status",
            "gcp-incidents-json", "aws-health", "rss", "atom");

    /** What one format's endpoint said. */
    public record Attempt(String format, URI endpoint, boolean answered, String detail) {
    }

    private final HttpFetcher fetcher;
    private final Parsers parsers = new Parsers();

    public FormatDetector(HttpFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** Every format tried, in {@link #ORDER}; never throws for a bad page, only for a bad URL. */
    public List<Attempt> detect(String url) throws URISyntaxException {
        List<Attempt> attempts = new ArrayList<>();
        Map<String, StatusPageFormat> supported = PageList.SUPPORTED;
        for (String name : ORDER) {
            StatusPageFormat format = supported.get(name);
            PolledPage page = PageList.page("detect", url, format);
            URI endpoint = page.endpoints().get(0);
            if (format == StatusPageFormat.GCP_INCIDENTS_JSON && !endpoint.getPath().endsWith(".json")) {
                endpoint = new URI(url.strip().replaceAll("/+$", "") + "/incidents.json");
            }
            FetchResult result = fetcher.fetch(endpoint, Validators.NONE);
            attempts.add(attempt(name, format, page, endpoint, result));
        }
        return attempts;
    }

    private Attempt attempt(String name, StatusPageFormat format, PolledPage page, URI endpoint, FetchResult result) {
        if (result instanceof FetchResult.Failure f) {
            return new Attempt(name, endpoint, false, f.kind() + ": " + f.reason());
        }
        if (!(result instanceof FetchResult.Body body)) {
            return new Attempt(name, endpoint, false, "no body (304 without a request validator)");
        }
        ParseOutcome<PageSnapshot> out = parsers.parse(page, body.bytes());
        if (out.records().isEmpty()) {
            String why = out.rejected().isEmpty() ? "nothing read" : out.rejected().get(0).reason();
            return new Attempt(name, endpoint, false, "not " + name + ": " + why);
        }
        PageSnapshot snapshot = out.records().get(0);
        if (format == StatusPageFormat.RSS || format == StatusPageFormat.ATOM) {
            if (snapshot.format() != format) {
                return new Attempt(name, endpoint, false, "a feed, but " + snapshot.format());
            }
        }
        return new Attempt(name, endpoint, true, snapshot.components().size() + " components, "
                + snapshot.incidents().size() + " incidents/maintenances");
    }
}
