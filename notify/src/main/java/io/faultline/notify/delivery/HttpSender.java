package io.faultline.notify.delivery;

import io.faultline.notify.channel.Outgoing;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one POST and says how the receiver answered. */
public interface HttpSender {

    /** The receiver's answer: status, its Retry-After header if any, and the start of its body (for the reason). */
    record Response(int status, String retryAfter, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** 408, 425, 429 and 5xx may succeed later; any other 4xx will not. */
        public boolean retryable() {
            return status == 408 || status == 425 || status == 429 || status >= 500;
        }
    }

    Response send(Outgoing request) throws IOException, InterruptedException;

    /** The JDK client, with a bounded connect and request time. */
    static HttpSender jdk(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        return request -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(b::header);
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body() == null ? "" : r.body();
            return new Response(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null),
                    body.length() > 300 ? body.substring(0, 300) : body);
        };
    }
}
