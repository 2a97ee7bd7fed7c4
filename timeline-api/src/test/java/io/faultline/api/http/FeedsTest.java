package io.faultline.api.http;

import static io.faultline.api.Fixtures.INCIDENT_ID;
import static io.faultline.api.Fixtures.T0;
import static io.faultline.api.Fixtures.T1;
import static io.faultline.api.Fixtures.T2;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import io.faultline.api.Fixtures;
import io.faultline.api.live.InMemoryLiveStore;
import io.faultline.api.model.IncidentView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The Atom feed, the badges and the request meters over HTTP, with a live store only. */
class FeedsTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    static TimelineApi api;

    @BeforeAll
    static void start() {
        InMemoryLiveStore live = new InMemoryLiveStore();
        live.accept(Fixtures.awsIncident(3, "CONFIRMED"));
        live.accept(Fixtures.health("coinbase", "DOWN", T0));
        live.accept(Fixtures.health("github", "UP", T2));
        live.accept(Fixtures.health("slack", "DEGRADED", T1));
        live.accept(Fixtures.health("a<b&\"c'd>", "UP", T1));
        api = TimelineApi.start(new ApiConfig(0, Optional.empty(), List.of(), Duration.ofSeconds(5)), live, Optional.empty(),
                Clock.fixed(T2, ZoneOffset.UTC), new ApiHooks(METERS, Map::of));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void atomFeedIsWellFormedAtomWithOneEntryPerIncidentLinkingToTheApi() throws Exception {
        HttpResponse<byte[]> r = get("/api/v1/incidents.atom");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        Document doc = parse(r.body());
        Element feed = doc.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo(AtomFeed.NS);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        // RFC 4287 4.1.1: a feed has exactly one id, title and updated, and an author unless every entry has one
        assertThat(text(feed, "id")).isEqualTo("urn:faultline:incidents");
        assertThat(text(feed, "title")).isNotBlank();
        assertThat(text(feed, "updated")).isEqualTo("2021-12-07T15:41:00Z");
        assertThat(children(feed, "author")).hasSize(1);
        NodeList entries = feed.getElementsByTagNameNS(AtomFeed.NS, "entry");
        assertThat(entries.getLength()).isEqualTo(1);
        Element entry = (Element) entries.item(0);
        assertThat(text(entry, "id")).isEqualTo("urn:faultline:incident:" + INCIDENT_ID);
        assertThat(text(entry, "title")).isEqualTo("[CONFIRMED] AWS us-east-1: 3 services impaired");
        assertThat(text(entry, "updated")).isEqualTo("2021-12-07T15:41:00Z");
        assertThat(text(entry, "summary")).contains("AWS US East (N. Virginia)").contains("coinbase, slack, venmo");
        Element link = children(entry, "link").get(0);
        assertThat(link.getAttribute("rel")).isEqualTo("alternate");
        assertThat(link.getAttribute("href")).isEqualTo("http://127.0.0.1:" + api.port() + "/api/v1/incidents/" + INCIDENT_ID);
    }

    @Test
    void atomEscapesTitlesAndIds() throws Exception {
        IncidentView nasty = new IncidentView("inc/<1>&", 1, "SUSPECTED", "a </title><script>x</script> & b", null, null,
                null, List.of(), 0, 0, T0, T0, null, null);
        Document doc = parse(AtomFeed.render(List.of(nasty), "http://h", T2).getBytes(StandardCharsets.UTF_8));
        Element entry = (Element) doc.getElementsByTagNameNS(AtomFeed.NS, "entry").item(0);
        assertThat(text(entry, "title")).isEqualTo("[SUSPECTED] a </title><script>x</script> & b");
        assertThat(children(entry, "link").get(0).getAttribute("href")).isEqualTo("http://h/api/v1/incidents/inc%2F%3C1%3E%26");
        assertThat(text(entry, "updated")).isEqualTo("2021-12-07T15:32:00Z");
        assertThat(text(doc.getDocumentElement(), "updated")).isEqualTo("2021-12-07T15:32:00Z");
    }

    @Test
    void badgesSayOutageDegradedOrOperational() throws Exception {
        // aws is the cause of a CONFIRMED incident; its region too (the cause component)
        assertThat(badge("aws")).contains(">outage<").contains("#e05d44");
        assertThat(badge("aws/us-east-1")).contains(">outage<");
        assertThat(badge("coinbase")).contains(">outage<");
        // slack is degraded by its own health and a member of the incident: degraded, not an outage it does not cause
        assertThat(badge("slack")).contains(">degraded<").contains("#dfb317");
        assertThat(badge("github")).contains(">operational<").contains("#4c1");
        HttpResponse<byte[]> r = get("/badge/github.svg");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        parse(r.body());
    }

    @Test
    void unknownIdIs404() throws Exception {
        assertThat(get("/badge/no-such-service.svg").statusCode()).isEqualTo(404);
    }

    @Test
    void badgeIdsAreEscapedAndTheSvgStaysWellFormed() throws Exception {
        String id = "a<b&\"c'd>";
        HttpResponse<byte[]> r = get("/badge/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + ".svg");
        assertThat(r.statusCode()).isEqualTo(200);
        String svg = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(svg).doesNotContain("a<b").contains("a&lt;b&amp;&quot;c&#39;d&gt;");
        Document doc = parse(r.body());
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent())
                .isEqualTo(id + ": operational");
        assertThat(Badge.escape("x\u0001y")).isEqualTo("x?y");
    }

    @Test
    void requestLatencyIsRecordedPerRoutePatternNotPerId() throws Exception {
        get("/badge/github.svg");
        get("/badge/coinbase.svg");
        get("/no/such/route");
        assertThat(METERS.get("faultline.api.request").tag("route", "/badge/{id}.svg").tag("status", "200").timer().count())
                .isGreaterThanOrEqualTo(2);
        assertThat(METERS.get("faultline.api.request").tag("route", "unmatched").tag("status", "404").timer().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(METERS.get("faultline.incidents.open").tag("state", "CONFIRMED").gauge().value()).isEqualTo(1.0);
        assertThat(METERS.get("faultline.incidents.open").tag("state", "SUSPECTED").gauge().value()).isEqualTo(0.0);
    }

    private static String badge(String id) throws Exception {
        HttpResponse<byte[]> r = get("/badge/" + id + ".svg");
        assertThat(r.statusCode()).as("badge of " + id).isEqualTo(200);
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new java.util.ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && AtomFeed.NS.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as(name + " of " + parent.getLocalName()).hasSize(1);
        return found.get(0).getTextContent();
    }
}
