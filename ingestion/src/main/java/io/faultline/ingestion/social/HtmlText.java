package io.faultline.ingestion.social;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon status HTML to plain text. Mastodon sanitises content to a small tag set (p, br, a,
 * span, and a few inline tags), so a tag stripper is enough: paragraphs become blank lines, br a
 * newline, tags vanish (the invisible spans of shortened links rejoin into the full URL), entities
 * are decoded.
 */
final class HtmlText {

    private static final Pattern PARAGRAPH_END = Pattern.compile("(?i)</p>\\s*");
    private static final Pattern BR = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0");

    private HtmlText() {
    }

    static String toPlainText(String html) {
        String s = PARAGRAPH_END.matcher(html).replaceAll("\n\n");
        s = BR.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        return ENTITY.matcher(s).replaceAll(m -> Matcher.quoteReplacement(decode(m.group(1), m.group()))).strip();
    }

    private static String decode(String entity, String whole) {
        try {
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                return Character.toString(Integer.parseInt(entity.substring(2), 16));
            }
            if (entity.startsWith("#")) {
                return Character.toString(Integer.parseInt(entity.substring(1)));
            }
        } catch (IllegalArgumentException e) {
            return whole; // not a valid code point: keep the text as written
        }
        return NAMED.getOrDefault(entity, whole);
    }
}
