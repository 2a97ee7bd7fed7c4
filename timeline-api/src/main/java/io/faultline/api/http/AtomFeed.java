package io.faultline.api.http;

import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.faultline.api.model.IncidentView;

/**
 * Incidents as an Atom 1.0 feed (RFC 4287): one entry per incident, its latest revision, newest
 * change first, each linking to the incident in the API. Written with an XML stream writer, so
 * every title and id is escaped.
 */
public final class AtomFeed {

    static final String NS = "http://www.w3.org/2005/Atom";
    public static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";

    private AtomFeed() {
    }

    /**
     * @param baseUrl scheme://host[:port] the links start with
     * @param now     the feed's updated time when there is no entry
     */
    public static String render(List<IncidentView> incidents, String baseUrl, Instant now) {
        List<IncidentView> sorted = incidents.stream().sorted(Comparator.comparing(AtomFeed::updated).reversed()
                .thenComparing(IncidentView::id)).toList();
        Instant feedUpdated = sorted.isEmpty() ? now : updated(sorted.get(0));
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            x.writeStartDocument("utf-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(NS);
            element(x, "id", "urn:faultline:incidents");
            element(x, "title", "Faultline incidents");
            element(x, "subtitle", "Correlated outages of shared internet dependencies, with their suspected cause");
            element(x, "updated", time(feedUpdated));
            link(x, "self", baseUrl + "/api/v1/incidents.atom", CONTENT_TYPE.substring(0, CONTENT_TYPE.indexOf(';')));
            x.writeStartElement("author");
            element(x, "name", "Faultline");
            x.writeEndElement();
            element(x, "generator", "Faultline");
            for (IncidentView i : sorted) {
                entry(x, i, baseUrl);
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed", e);
        }
        return text.toString();
    }

    private static void entry(XMLStreamWriter x, IncidentView i, String baseUrl) throws XMLStreamException {
        x.writeStartElement("entry");
        element(x, "id", "urn:faultline:incident:" + i.id());
        element(x, "title", "[" + i.state() + "] " + (i.title() == null || i.title().isBlank() ? i.id() : i.title()));
        element(x, "updated", time(updated(i)));
        element(x, "published", time(i.openedAt()));
        link(x, "alternate", baseUrl + "/api/v1/incidents/" + URLEncoder.encode(i.id(), StandardCharsets.UTF_8), "application/json");
        x.writeStartElement("summary");
        x.writeAttribute("type", "text");
        x.writeCharacters(summary(i));
        x.writeEndElement();
        if (i.provider() != null && !i.provider().isBlank()) {
            x.writeEmptyElement("category");
            x.writeAttribute("term", i.provider());
            x.writeAttribute("label", "provider");
        }
        x.writeEndElement();
    }

    static String summary(IncidentView i) {
        String cause = i.cause() == null || i.cause().name() == null ? "unknown shared cause"
                : i.cause().name() + String.format(Locale.ROOT, " (confidence %.2f)", i.cause().confidence());
        return i.state() + ": " + cause + "; " + i.memberCount() + " service(s) affected"
                + (i.serviceIds().isEmpty() ? "" : ": " + String.join(", ", i.serviceIds().stream().limit(20).toList())
                + (i.serviceIds().size() > 20 ? " …" : ""))
                + "; opened " + time(i.openedAt()) + (i.resolvedAt() == null ? "" : ", resolved " + time(i.resolvedAt()));
    }

    private static Instant updated(IncidentView i) {
        return i.updatedAt() != null ? i.updatedAt() : i.resolvedAt() != null ? i.resolvedAt() : i.openedAt();
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(name);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("type", type);
        x.writeAttribute("href", href);
    }
}
