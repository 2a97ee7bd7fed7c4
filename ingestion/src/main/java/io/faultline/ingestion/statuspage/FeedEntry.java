package io.faultline.ingestion.statuspage;

import java.time.Instant;

/** The fields of one RSS item or Atom entry, before it is mapped to an incident. */
record FeedEntry(String id, String title, Instant published, Instant updated, String html, String link) {
}
