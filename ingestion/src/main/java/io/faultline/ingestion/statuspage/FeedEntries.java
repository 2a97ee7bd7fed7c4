package io.faultline.ingestion.statuspage;

import java.time.Instant;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Reads one {@code <entry>} or {@code <item>} element from a StAX reader positioned on its start tag. */
final class FeedEntries {

    private FeedEntries() {
    }

    static FeedEntry read(XMLStreamReader r) throws XMLStreamException {
        String id = null;
        String title = null;
        String link = null;
        String html = null;
        String summary = null;
        Instant published = null;
        Instant updated = null;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.END_ELEMENT) {
                break; // the entry's own end tag: children are consumed whole below
            }
            if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused");
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = r.getLocalName();
            String href = "link".equals(name) ? r.getAttributeValue(null, "href") : null;
            String rel = "link".equals(name) ? r.getAttributeValue(null, "rel") : null;
            String value = text(r);
            switch (name) {
                case "id", "guid" -> id = value.strip();
                case "title" -> title = Html.toText(value);
                case "published", "pubDate", "issued", "date" -> published = Times.parse(value);
                case "updated", "modified" -> updated = Times.parse(value);
                case "content", "encoded" -> html = value;
                case "summary", "description" -> summary = value;
                case "link" -> {
                    if (href != null && (rel == null || "alternate".equals(rel))) {
                        link = href;
                    } else if (href == null && !value.isBlank()) {
                        link = value.strip();
                    }
                }
                default -> {
                    // other elements (author, category …) carry nothing we use
                }
            }
        }
        String body = html != null ? html : summary;
        return new FeedEntry(id != null && !id.isEmpty() ? id : link, title, published, updated, body, link);
    }

    /** All text inside the current element, nested markup included as text; consumes its end tag. */
    static String text(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        int depth = 1;
        while (depth > 0 && r.hasNext()) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        sb.append(r.getText());
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XMLStreamException("entity reference &" + r.getLocalName() + "; refused");
                default -> {
                    // comments and processing instructions carry no text
                }
            }
        }
        return sb.toString();
    }
}
