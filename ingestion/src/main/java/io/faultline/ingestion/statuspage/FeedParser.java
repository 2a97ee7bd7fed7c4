package io.faultline.ingestion.statuspage;

import io.faultline.avro.IncidentImpact;
import io.faultline.avro.IncidentStatus;
import io.faultline.avro.StatusPageFormat;
import io.faultline.ingestion.ParseOutcome;
import io.faultline.ingestion.Rejected;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads RSS 2.0 and Atom status feeds with the JDK's StAX. DTDs and external entities are off:
 * a feed is untrusted input, and an entity must never read a local file or the network (a
 * document that uses one is rejected, not resolved).
 *
 * <p>Each entry becomes an incident. Statuspage-hosted feeds (GitHub's history.atom) put every
 * update of the incident in the entry's content; those are split into updates. Any other entry
 * is one update, keyed by the entry id and its time, with the status guessed from words in the
 * title or text (UNKNOWN when there are none).
 *
 * <p>XML is read as a stream, so a document broken half-way keeps the entries before the break
 * and rejects the rest (it cannot resynchronise); a bad entry in a well-formed feed is rejected alone.
 */
public final class FeedParser {

    private static final XMLInputFactory FACTORY = secureFactory();

    private static XMLInputFactory secureFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    /**
     * @param pageId  catalog id of the page's owner
     * @param pageUrl URL of the feed's page; when null the feed's own link is used
     */
    public ParseOutcome<PageSnapshot> parse(String pageId, String pageUrl, byte[] payload) {
        try {
            return read(pageId, pageUrl, payload == null ? new byte[0] : payload);
        } catch (RuntimeException e) {
            return ParseOutcome.rejected(Rejections.of(Rejections.PARSE_ERROR, "unexpected: " + e, payload,
                    pageId, pageUrl, null));
        }
    }

    private ParseOutcome<PageSnapshot> read(String pageId, String pageUrl, byte[] payload) {
        List<FeedEntry> entries = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        StatusPageFormat format = null;
        Instant feedUpdated = null;
        String feedLink = null;
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(payload));
            int depth = 0;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused");
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depth == 1) {
                        format = "feed".equals(name) ? StatusPageFormat.ATOM
                                : "rss".equals(name) || "RDF".equals(name) ? StatusPageFormat.RSS : null;
                        if (format == null) {
                            return ParseOutcome.rejected(Rejections.of(Rejections.UNSUPPORTED_FORMAT,
                                    "root element <" + name + "> is neither <rss> nor <feed>", payload, pageId,
                                    pageUrl, null));
                        }
                    } else if ("entry".equals(name) || "item".equals(name)) {
                        entries.add(FeedEntries.read(r));
                        depth--; // read() consumed the end tag
                    } else if (depth <= 3 && ("updated".equals(name) || "lastBuildDate".equals(name)
                            || "pubDate".equals(name))) {
                        feedUpdated = Times.latest(feedUpdated, Times.parse(FeedEntries.text(r)));
                        depth--;
                    } else if (depth <= 3 && "link".equals(name) && feedLink == null) {
                        String href = r.getAttributeValue(null, "href");
                        feedLink = href != null ? href : FeedEntries.text(r).strip();
                        if (href == null) {
                            depth--;
                        }
                    }
                }
            }
        } catch (XMLStreamException e) {
            rejected.add(Rejections.of(Rejections.PARSE_ERROR, "XML unreadable after " + entries.size()
                    + " entries: " + e.getMessage(), payload, pageId, pageUrl, "entry " + (entries.size() + 1)));
        } finally {
            close(r);
        }
        if (format == null) {
            return new ParseOutcome<>(List.of(), rejected);
        }
        String url = pageUrl != null ? pageUrl : feedLink;
        List<PageIncident> incidents = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            FeedEntry e = entries.get(i);
            if (e.id() == null) {
                rejected.add(Rejections.of(Rejections.MISSING_FIELD, "entry without id, guid or link",
                        e.title() + "\n" + e.html(), pageId, url, "entry " + (i + 1)));
            } else {
                incidents.add(toIncident(e, feedUpdated));
            }
        }
        return new ParseOutcome<>(List.of(new PageSnapshot(pageId, url, format, feedUpdated, List.of(), incidents)),
                rejected);
    }

    private static PageIncident toIncident(FeedEntry e, Instant feedUpdated) {
        Instant reference = Times.latest(Times.latest(e.published(), e.updated()), feedUpdated);
        List<IncidentUpdate> updates = StatuspageAtomContent.updates(e.id(), e.html(), reference);
        String text = Html.toText(e.html());
        if (updates.isEmpty()) {
            Instant at = e.published() != null ? e.published() : e.updated();
            String key = at != null ? at.toString() : Integer.toHexString(String.valueOf(text).hashCode());
            updates = List.of(new IncidentUpdate(e.id() + "@" + key,
                    Vocabulary.statusFromWords(e.title(), text), text, at, e.updated(), List.of(), null));
        }
        IncidentStatus status = updates.get(updates.size() - 1).status();
        boolean maintenance = Vocabulary.isMaintenanceStatus(status)
                || (e.title() != null && e.title().toLowerCase().contains("maintenance"));
        Instant created = updates.get(0).createdAt() != null ? updates.get(0).createdAt() : e.published();
        return new PageIncident(e.id(), e.title(), status,
                maintenance ? IncidentImpact.MAINTENANCE : IncidentImpact.UNKNOWN, maintenance, created,
                Times.latest(e.updated(), e.published()), List.of(), updates);
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing to release: the reader reads from a byte array
            }
        }
    }
}
