package io.faultline.ingestion.network;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import io.faultline.ingestion.statuspage.AddressGuard;

/**
 * GETs over java.net.http where every URL, redirects included, is checked first: http(s) only,
 * and every address its host resolves to must pass {@link AddressGuard} (the registry URL is
 * user-configured, and a tarball URL comes from the registry's answer). Limit: the client
 * resolves the host again itself, so a DNS answer that changes between the check and the
 * connection is not caught.
 */
final class GuardedHttp {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final boolean allowPrivate;

    GuardedHttp(HttpClient client, boolean allowPrivate) {
        this.client = client;
        this.allowPrivate = allowPrivate;
    }

    /** The body of a 200 answer as a stream; any other status is an IOException naming the URL. */
    InputStream get(URI uri, String accept, Duration timeout) throws IOException {
        URI current = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            check(current);
            HttpRequest req = HttpRequest.newBuilder(current).timeout(timeout).header("Accept", accept)
                    .header("User-Agent", "faultline-networks-install/0.1").GET().build();
            HttpResponse<InputStream> res;
            try {
                res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + current, e);
            }
            int status = res.statusCode();
            if (status >= 300 && status < 400 && res.headers().firstValue("Location").isPresent()) {
                res.body().close();
                current = current.resolve(res.headers().firstValue("Location").get());
                continue;
            }
            if (status != 200) {
                res.body().close();
                throw new IOException("GET " + current + " answered HTTP " + status);
            }
            return res.body();
        }
        throw new IOException("GET " + uri + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private void check(URI uri) throws IOException {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IOException("refusing to fetch '" + uri + "': only http(s) URLs with a host");
        }
        for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
            Optional<String> refusal = AddressGuard.refusal(a, allowPrivate);
            if (refusal.isPresent()) {
                throw new IOException("refusing to fetch " + uri + ": " + a.getHostAddress() + " is " + refusal.get()
                        + " (see --allow-private-addresses)");
            }
        }
    }
}
