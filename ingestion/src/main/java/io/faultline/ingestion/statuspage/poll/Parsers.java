package io.faultline.ingestion.statuspage.poll;

import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.statuspage.AwsHealthParser;
import io.faultline.ingestion.statuspage.FeedParser;
import io.faultline.ingestion.statuspage.GcpIncidentsParser;
import io.faultline.ingestion.statuspage.InstatusParser;
import io.faultline.ingestion.statuspage.PageSnapshot;
import io.faultline.ingestion.statuspage.SlackStatusParser;
import io.faultline.ingestion.statuspage.StatusPageV2Parser;

/** Picks the parser for a page's format. The parsers never throw; neither does this. */
final class Parsers {

    private final StatusPageV2Parser statuspage = new StatusPageV2Parser();
    private final FeedParser feeds = new FeedParser();
    private final GcpIncidentsParser gcp = new GcpIncidentsParser();
    private final AwsHealthParser aws = new AwsHealthParser();
    private final InstatusParser instatus = new InstatusParser();
    private final SlackStatusParser slack = new SlackStatusParser();

    ParseOutcome<PageSnapshot> parse(PolledPage page, byte[] body) {
        return switch (page.format()) {
            case STATUSPAGE_V2 -> statuspage.parse(page.pageId(), page.pageUrl(), body);
            case RSS, ATOM -> feeds.parse(page.pageId(), page.pageUrl(), body);
            case GCP_INCIDENTS_JSON -> gcp.parse(page.pageId(), page.pageUrl(), body);
            case AWS_HEALTH -> aws.parse(page.pageId(), page.pageUrl(), body);
            case INSTATUS -> instatus.parse(page.pageId(), page.pageUrl(), body);
            case SLACK_STATUS -> slack.parse(page.pageId(), page.pageUrl(), body);
            default -> throw new IllegalArgumentException("no parser for " + page.format()
                    + " (PageList only admits supported formats)");
        };
    }
}
