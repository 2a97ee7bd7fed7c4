package io.faultline.ingestion.statuspage.poll;

/**
 * HTTP cache validators of one endpoint, sent back as {@code If-None-Match} and
 * {@code If-Modified-Since} so an unchanged page costs a 304 and no body.
 *
 * @param etag         the last {@code ETag} header verbatim (weak tags included), or null
 * @param lastModified the last {@code Last-Modified} header verbatim, or null
 */
public record Validators(String etag, String lastModified) {

    public static final Validators NONE = new Validators(null, null);
}
