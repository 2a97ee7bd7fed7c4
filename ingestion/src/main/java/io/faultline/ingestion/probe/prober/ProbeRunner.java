package io.faultline.ingestion.probe.prober;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.faultline.avro.ProbeErrorKind;
import io.faultline.avro.ProbeResult;
import io.faultline.avro.ProbeSource;
import io.faultline.avro.ProbeType;
import io.faultline.ingestion.statuspage.AddressGuard;

/**
 * Runs one probe of one target and returns its result; never throws. Built on plain sockets so
 * that each phase is timed on its own (java.net.http cannot split them). Timings are cumulative
 * from the start of the probe, like curl's: {@code dnsMs ≤ connectMs ≤ tlsMs ≤ firstByteMs ≤
 * totalMs}; a phase that did not happen leaves its field null. Every resolved address is checked
 * by {@link AddressGuard} before a socket is opened, so a catalog entry cannot make the prober
 * reach internal hosts. Limit: the first allowed address is probed; no Happy Eyeballs fallback.
 */
public final class ProbeRunner {

    private static final String USER_AGENT = "faultline-prober/0.1";
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ProberConfig config;
    private final HostResolver resolver;
    private final SSLSocketFactory tls;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final ExecutorService dnsPool;

    /**
     * @param dnsPool runs name resolutions so they can be abandoned after {@code dnsTimeout}
     *                (the system resolver has no timeout of its own)
     */
    public ProbeRunner(ProberConfig config, HostResolver resolver, SSLSocketFactory tls, Clock clock,
                       LongSupplier nanoTime, ExecutorService dnsPool) {
        this.config = config;
        this.resolver = resolver;
        this.tls = tls;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.dnsPool = dnsPool;
    }

    public ProbeResult run(ProbeTarget target, ProbeType type) {
        Instant startedAt = clock.instant();
        Attempt a = new Attempt(nanoTime.getAsLong());
        Vantage v = config.vantage();
        ProbeResult.Builder b = ProbeResult.newBuilder()
                .setResultId(String.join("/", "faultline", v.name(), type.name().toLowerCase(java.util.Locale.ROOT),
                        target.targetId(), target.host(), Long.toString(startedAt.toEpochMilli())))
                .setSource(ProbeSource.FAULTLINE_PROBER)
                .setProbeType(type)
                .setTargetId(target.targetId())
                .setTargetHost(type == ProbeType.HTTP ? target.url() : type == ProbeType.TCP
                        ? target.host() + ":" + target.port() : target.host())
                .setVantage(v.name())
                .setVantageRegion(v.region())
                .setVantageAsn(v.asn())
                .setVantageCountry(v.country())
                .setSuccess(false)
                .setErrorKind(ProbeErrorKind.NONE)
                .setEventTime(startedAt);
        try {
            List<InetAddress> addresses = resolve(target.host(), a);
            b.setDnsMs(a.mark());
            if (type == ProbeType.DNS) {
                b.setTargetAddress(addresses.get(0).getHostAddress()).setSuccess(true).setTotalMs(b.getDnsMs());
                return done(b);
            }
            a.phase = Phase.GUARD;
            InetAddress address = allowed(addresses);
            b.setTargetAddress(address.getHostAddress());
            a.phase = Phase.CONNECT;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, target.port()), a.timeout(config.connectTimeout()));
                b.setConnectMs(a.mark());
                if (type == ProbeType.TCP) {
                    b.setSuccess(true).setTotalMs(b.getConnectMs());
                    return done(b);
                }
                Socket channel = socket;
                if (target.tls()) {
                    a.phase = Phase.TLS;
                    channel = handshake(socket, target, a);
                    b.setTlsMs(a.mark());
                }
                try (Socket s = channel) {
                    exchange(s, target, a, b);
                }
            }
        } catch (Exception e) {
            b.setSuccess(false).setErrorKind(ProbeFailures.classify(a.phase, e)).setError(ProbeFailures.describe(a.phase, e));
            if (b.getTotalMs() == null) {
                b.setTotalMs(a.mark());
            }
        }
        return done(b);
    }

    private ProbeResult done(ProbeResult.Builder b) {
        return b.setObservedAt(clock.instant()).build();
    }

    private List<InetAddress> resolve(String host, Attempt a) throws Exception {
        a.phase = Phase.DNS;
        long ms = a.timeout(config.dnsTimeout());
        Future<List<InetAddress>> f = dnsPool.submit(() -> resolver.resolve(host));
        try {
            List<InetAddress> out = f.get(ms, TimeUnit.MILLISECONDS);
            if (out == null || out.isEmpty()) {
                throw new UnknownHostException(host + ": no addresses");
            }
            return out;
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new SocketTimeoutException("resolving " + host + " took longer than " + ms + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private InetAddress allowed(List<InetAddress> addresses) throws IOException {
        String why = null;
        for (InetAddress address : addresses) {
            Optional<String> refusal = AddressGuard.refusal(address, config.allowPrivate());
            if (refusal.isEmpty()) {
                return address;
            }
            why = address.getHostAddress() + " is " + refusal.get();
        }
        throw new IOException("refused by the address guard: " + why + " (see --allow-private-addresses)");
    }

    private Socket handshake(Socket socket, ProbeTarget target, Attempt a) throws IOException {
        socket.setSoTimeout(a.timeout(config.tlsTimeout()));
        SSLSocket ssl = (SSLSocket) tls.createSocket(socket, target.host(), target.port(), true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        if (!Character.isDigit(target.host().charAt(0)) && !target.host().startsWith("[")) {
            p.setServerNames(List.of(new SNIHostName(target.host())));
        }
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        return ssl;
    }

    /** GET with Connection: close; reads the status line, the head and the body up to the byte cap. */
    private void exchange(Socket s, ProbeTarget target, Attempt a, ProbeResult.Builder b) throws IOException {
        a.phase = Phase.REQUEST;
        String hostHeader = target.url().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        String request = "GET " + target.path() + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: " + USER_AGENT
                + "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        a.phase = Phase.FIRST_BYTE;
        s.setSoTimeout(a.timeout(config.firstByteTimeout()));
        InputStream in = s.getInputStream();
        int first = in.read();
        if (first < 0) {
            throw new IOException("connection closed before any response byte");
        }
        b.setFirstByteMs(a.mark());
        a.phase = Phase.BODY;
        s.setSoTimeout(a.timeout(config.totalTimeout()));
        ResponseHead head = ResponseHead.read(first, in, MAX_HEAD_BYTES);
        b.setStatusCode(head.status());
        long remaining = head.contentLength() >= 0 ? Math.min(head.contentLength(), config.maxBodyBytes()) : config.maxBodyBytes();
        byte[] buf = new byte[8192];
        while (remaining > 0) {
            s.setSoTimeout(a.timeout(config.totalTimeout()));
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                if (head.contentLength() >= 0) {
                    throw new IOException("connection closed " + remaining + " bytes before the end of the body");
                }
                break;
            }
            remaining -= n;
        }
        b.setTotalMs(a.mark());
        boolean ok = head.status() >= 100 && head.status() < 400;
        b.setSuccess(ok).setErrorKind(ok ? ProbeErrorKind.NONE : ProbeErrorKind.HTTP_ERROR);
        if (!ok) {
            b.setError("HTTP " + head.status() + (head.reason().isEmpty() ? "" : " " + head.reason()));
        }
    }

    /** Time since the start, and what is left of the total budget for the next phase. */
    private final class Attempt {
        final long startNanos;
        Phase phase = Phase.DNS;

        Attempt(long startNanos) {
            this.startNanos = startNanos;
        }

        double mark() {
            return Math.max(0, nanoTime.getAsLong() - startNanos) / 1_000_000.0;
        }

        /** Socket timeout for a phase: its own limit or what is left of the total, whichever is less (≥ 1 ms). */
        int timeout(Duration phaseLimit) throws SocketTimeoutException {
            long left = config.totalTimeout().toMillis() - (long) mark();
            if (left <= 0) {
                throw new SocketTimeoutException("total time limit of " + config.totalTimeout().toMillis() + " ms reached");
            }
            return (int) Math.max(1, Math.min(phaseLimit.toMillis(), left));
        }
    }
}
