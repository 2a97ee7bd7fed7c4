package io.faultline.ingestion.statuspage.poll;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** What one conditional GET of an endpoint gave (after redirects). */
public sealed interface FetchResult {

    /** A 2xx with its whole body (never more than the configured cap). */
    record Body(URI finalUri, byte[] bytes, Validators validators) implements FetchResult {
    }

    /** 304: the endpoint has not changed since the validators we sent. */
    record NotModified(URI finalUri) implements FetchResult {
    }

    /**
     * The endpoint could not be read.
     *
     * @param retryAfter what the server asked for (429 / 503 Retry-After), if anything
     * @param sample     the first bytes received, for the dead letter of an oversized body; may be empty
     */
    record Failure(FailureKind kind, URI uri, String reason, Optional<Duration> retryAfter, byte[] sample)
            implements FetchResult {

        public Failure(FailureKind kind, URI uri, String reason) {
            this(kind, uri, reason, Optional.empty(), new byte[0]);
        }
    }

    /** Why a fetch failed; {@link #retryable()} kinds back off instead of waiting one interval. */
    enum FailureKind {
        /** 429 or 5xx: the server is overloaded or failing. */
        SERVER_BUSY(true),
        /** Connect or request timeout. */
        TIMEOUT(true),
        /** Connection reset, refused, TLS failure. */
        IO(true),
        /** Host name does not resolve. */
        DNS(false),
        /** Any other non-2xx status (404, 403 …). */
        HTTP_STATUS(false),
        /** Body larger than the cap; the connection is dropped. */
        TOO_LARGE(false),
        /** The URL or a redirect leads to an address the guard refuses, or to a non-http scheme. */
        REFUSED_ADDRESS(false),
        /** More redirects than allowed, or a redirect without Location. */
        BAD_REDIRECT(false);

        private final boolean retryable;

        FailureKind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
