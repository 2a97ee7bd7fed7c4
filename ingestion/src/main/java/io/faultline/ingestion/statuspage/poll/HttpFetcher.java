package io.faultline.ingestion.statuspage.poll;

import io.faultline.ingestion.statuspage.AddressGuard;
import io.faultline.ingestion.statuspage.poll.FetchResult.Failure;
import io.faultline.ingestion.statuspage.poll.FetchResult.FailureKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Conditional GET of one endpoint with {@link HttpClient}, defensive about what comes back:
 * redirects are followed by hand (at most {@code maxRedirects}), and before every hop the host is
 * resolved and every address checked with {@link AddressGuard}; one request (headers and body) has
 * one deadline; the body is capped while it streams in.
 *
 * <p>Limit: the JDK client resolves the host again when it connects, so a DNS server that answers
 * differently within milliseconds (rebinding) could slip past the check. Pinning the address would
 * need a Host header, which the JDK client refuses to set. Cloud metadata addresses are refused
 * even with private addresses allowed.
 */
public final class HttpFetcher {

    /** Bytes of an oversized body kept for the dead letter. */
    static final int TOO_LARGE_SAMPLE_BYTES = 64 * 1024;

    private final HttpClient client;
    private final PollerConfig config;
    private final Resolver resolver;
    private final Clock clock;

    public HttpFetcher(PollerConfig config, Resolver resolver, Clock clock) {
        this.config = config;
        this.resolver = resolver;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER) // every hop is checked here instead
                .connectTimeout(config.connectTimeout())
                .build();
    }

    public FetchResult fetch(URI uri, Validators validators) {
        URI current = uri;
        for (int hop = 0; hop <= config.maxRedirects(); hop++) {
            Optional<String> refusal = refusal(current);
            if (refusal.isPresent()) {
                return new Failure(refusal.get().startsWith("DNS") ? FailureKind.DNS : FailureKind.REFUSED_ADDRESS,
                        current, refusal.get());
            }
            Hop step = once(current, validators);
            if (step.redirect() == null) {
                return step.result();
            }
            current = step.redirect();
        }
        return new Failure(FailureKind.BAD_REDIRECT, uri, "more than " + config.maxRedirects() + " redirects");
    }

    /** Why {@code uri} must not be fetched, or empty. */
    private Optional<String> refusal(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("scheme '" + scheme + "' refused (only http and https)");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("no host in " + uri);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("DNS: " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("DNS: " + host + " has no address");
        }
        for (InetAddress a : addresses) {
            Optional<String> r = AddressGuard.refusal(a, config.allowPrivateAddresses());
            if (r.isPresent()) {
                return Optional.of(host + " resolves to " + a.getHostAddress() + ": " + r.get()
                        + (config.allowPrivateAddresses() ? "" : " (see --allow-private-addresses)"));
            }
        }
        return Optional.empty();
    }

    /** One request: a final result, or a redirect to follow. */
    private record Hop(FetchResult result, URI redirect) {
        static Hop done(FetchResult r) {
            return new Hop(r, null);
        }
    }

    private Hop once(URI uri, Validators validators) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET()
                .timeout(config.requestTimeout())
                .header("User-Agent", config.userAgent())
                .header("Accept", "application/json, application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5");
        if (validators.etag() != null) {
            b.header("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            b.header("If-Modified-Since", validators.lastModified());
        }
        AtomicReference<CappedBodySubscriber> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(b.build(), info -> {
            if (info.statusCode() / 100 != 2) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]); // read and dropped, never kept
            }
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            CappedBodySubscriber s = new CappedBodySubscriber(config.maxBodyBytes(), declared, TOO_LARGE_SAMPLE_BYTES);
            body.set(s);
            return s;
        });
        HttpResponse<byte[]> response;
        try {
            response = future.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort(future, body);
            return Hop.done(new Failure(FailureKind.TIMEOUT, uri, "no complete response within "
                    + config.requestTimeout()));
        } catch (InterruptedException e) {
            abort(future, body);
            Thread.currentThread().interrupt();
            return Hop.done(new Failure(FailureKind.IO, uri, "interrupted"));
        } catch (ExecutionException e) {
            abort(future, body);
            return Hop.done(failure(uri, e.getCause()));
        }
        return interpret(uri, response, clock.instant());
    }

    private static Hop interpret(URI uri, HttpResponse<byte[]> response, Instant now) {
        int status = response.statusCode();
        if (status == 304) {
            return Hop.done(new FetchResult.NotModified(uri));
        }
        if (status / 100 == 2) {
            return Hop.done(new FetchResult.Body(uri, response.body(), new Validators(
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null))));
        }
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                return Hop.done(new Failure(FailureKind.BAD_REDIRECT, uri, "HTTP " + status + " without Location"));
            }
            try {
                return new Hop(null, uri.resolve(location.get().strip()));
            } catch (IllegalArgumentException e) {
                return Hop.done(new Failure(FailureKind.BAD_REDIRECT, uri, "unusable Location '" + location.get() + "'"));
            }
        }
        if (status == 429 || status / 100 == 5) {
            return Hop.done(new Failure(FailureKind.SERVER_BUSY, uri, "HTTP " + status,
                    RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), now),
                    new byte[0]));
        }
        return Hop.done(new Failure(FailureKind.HTTP_STATUS, uri, "HTTP " + status));
    }

    private static Failure failure(URI uri, Throwable cause) {
        if (cause instanceof CappedBodySubscriber.TooLarge tooLarge) {
            return new Failure(FailureKind.TOO_LARGE, uri, tooLarge.getMessage(), Optional.empty(), tooLarge.sample);
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return new Failure(FailureKind.TIMEOUT, uri, cause.getMessage());
        }
        if (cause instanceof IOException) {
            return new Failure(FailureKind.IO, uri, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        return new Failure(FailureKind.IO, uri, String.valueOf(cause));
    }

    private static void abort(CompletableFuture<?> future, AtomicReference<CappedBodySubscriber> body) {
        CappedBodySubscriber s = body.get();
        if (s != null) {
            s.cancel();
        }
        future.cancel(true);
    }
}
