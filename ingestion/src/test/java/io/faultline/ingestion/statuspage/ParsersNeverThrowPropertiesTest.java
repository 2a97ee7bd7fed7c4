package io.faultline.ingestion.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.ingestion.ParseOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever arrives, every parser returns (never throws), and good elements beside a bad one survive. */
class ParsersNeverThrowPropertiesTest {

    private static final List<Function<byte[], ParseOutcome<PageSnapshot>>> PARSERS = List.of(
            b -> new StatusPageV2Parser().parse("p", null, b),
            b -> new FeedParser().parse("p", null, b),
            b -> new GcpIncidentsParser().parse("p", null, b),
            b -> new AwsHealthParser().parse("p", null, b),
            b -> new InstatusParser().parse("p", null, b),
            b -> new SlackStatusParser().parse("p", null, b));

    private static final List<String> VALID = List.of("summary_with_groups.json", "incidents_several_updates.json",
            "statuspage_history.atom", "health_status.rss", "instatus/summary_hasissues.json",
            "slack-status/history_2026-08-18.json");

    private static void returnsAnOutcome(byte[] input) {
        for (Function<byte[], ParseOutcome<PageSnapshot>> parser : PARSERS) {
            ParseOutcome<PageSnapshot> out = parser.apply(input);
            assertThat(out).isNotNull();
            assertThat(out.records().size() + out.rejected().size()).isPositive();
        }
    }

    @Property(tries = 200)
    void randomBytes(@ForAll @Size(max = 512) byte[] input) {
        returnsAnOutcome(input);
    }

    @Property(tries = 200)
    void truncatedValidInput(@ForAll("validInputs") String name, @ForAll @IntRange(min = 0, max = 100) int percent) {
        byte[] all = Fixtures.resource(name);
        returnsAnOutcome(Arrays.copyOf(all, all.length * percent / 100));
    }

    @Property(tries = 100)
    void validJsonOfTheWrongShape(@ForAll("wrongShapes") String json) {
        returnsAnOutcome(json.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 100)
    void oneCorruptedComponentLeavesTheOthers(@ForAll("corruptComponents") String corrupt,
                                              @ForAll @IntRange(min = 0, max = 3) int position) {
        List<String> good = List.of(component("c1", "operational"), component("c2", "major_outage"),
                component("c3", "degraded_performance"));
        List<String> all = new java.util.ArrayList<>(good);
        all.add(position, corrupt);
        String page = "{\"page\":{\"id\":\"x\",\"url\":\"https://s.example\"},\"components\":[" + String.join(",", all) + "]}";

        ParseOutcome<PageSnapshot> out = new StatusPageV2Parser().parse("p", null, page.getBytes(StandardCharsets.UTF_8));

        assertThat(out.records()).singleElement().satisfies(s ->
                assertThat(s.components()).extracting(PageComponent::id).contains("c1", "c2", "c3"));
    }

    @Property(tries = 100)
    void oneCorruptedFeedEntryLeavesTheOthers(@ForAll("corruptEntries") String corrupt) {
        String feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
                + item("g1") + corrupt + item("g2") + "</channel></rss>";

        ParseOutcome<PageSnapshot> out = new FeedParser().parse("p", null, feed.getBytes(StandardCharsets.UTF_8));

        assertThat(out.records()).singleElement().satisfies(s ->
                assertThat(s.incidents()).extracting(PageIncident::id).contains("g1", "g2"));
    }

    @Provide
    Arbitrary<String> validInputs() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<String> wrongShapes() {
        return Arbitraries.of("null", "0", "\"x\"", "[]", "{}", "[null]", "[{}]", "[1,\"a\",[]]",
                "{\"components\":{}}", "{\"components\":[1,null,\"x\"]}", "{\"incidents\":[{\"id\":{}}]}",
                "{\"incident\":null}", "{\"archive\":[{\"service\":1,\"date\":\"x\"}]}", "{\"current\":5}",
                "[{\"id\":\"a\",\"updates\":[1,{}]}]", "{\"page\":[],\"scheduled_maintenances\":[{\"id\":\"m\",\"incident_updates\":\"no\"}]}",
                "[{\"id\":\"a\",\"updates\":[{\"created\":\"not a date\"}],\"end\":{}}]");
    }

    @Provide
    Arbitrary<String> corruptComponents() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "1", "\"c\"", "[]", "{}", "{\"id\":null}", "{\"id\":{}}", "{\"id\":\"\"}",
                        "{\"id\":\"odd\",\"status\":42,\"updated_at\":\"yesterday\",\"group_id\":[]}",
                        "{\"id\":\"g\",\"group\":true}"),
                Arbitraries.strings().ofMaxLength(20).map(s -> "{\"id\":\"z\",\"status\":"
                        + com.fasterxml.jackson.databind.node.TextNode.valueOf(s) + "}"));
    }

    @Provide
    Arbitrary<String> corruptEntries() {
        return Arbitraries.of("<item></item>", "<item><title>x</title></item>", "<item><pubDate>never</pubDate><guid/></item>",
                "<item><guid>g3</guid><description><![CDATA[<p><small>Xyz 99, 99:99 UTC</small><br><strong>?</strong></p>]]></description></item>",
                "<unknown><nested/></unknown>", "<item><guid>g4</guid><title>&amp;&lt;</title></item>");
    }

    private static String component(String id, String status) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"status\":\"" + status
                + "\",\"updated_at\":\"2024-03-01T10:00:00Z\",\"group\":false,\"group_id\":null}";
    }

    private static String item(String guid) {
        return "<item><title>Investigating</title><guid>" + guid + "</guid><pubDate>Mon, 17 Aug 2026 21:01:19 PDT</pubDate></item>";
    }
}
