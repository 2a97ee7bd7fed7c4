package io.faultline.ingestion.probe.prober;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.faultline.avro.ProbeErrorKind;

/**
 * Maps a failure to the ProbeResult error kind, by the phase it happened in and its type.
 * Every failure while resolving the name is DNS_FAILURE, a DNS timeout included: for attribution
 * the DNS provider is the suspect either way. After that, a timeout is TIMEOUT in every phase;
 * a refused connection is CONNECT_REFUSED, any other connect error CONNECT_FAILED; anything
 * but a timeout during the TLS handshake is TLS_FAILURE; a connection reset or closed before a
 * complete response, or a malformed response, is OTHER.
 */
public final class ProbeFailures {

    private ProbeFailures() {
    }

    public static ProbeErrorKind classify(Phase phase, Throwable e) {
        if (phase == Phase.DNS) {
            return ProbeErrorKind.DNS_FAILURE;
        }
        if (phase == Phase.GUARD) {
            return ProbeErrorKind.OTHER;
        }
        if (isTimeout(e)) {
            return ProbeErrorKind.TIMEOUT;
        }
        if (phase == Phase.CONNECT) {
            if (e instanceof ConnectException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
                return ProbeErrorKind.CONNECT_REFUSED;
            }
            return ProbeErrorKind.CONNECT_FAILED;
        }
        if (phase == Phase.TLS || e instanceof SSLException) {
            return ProbeErrorKind.TLS_FAILURE;
        }
        if (e instanceof UnknownHostException) {
            return ProbeErrorKind.DNS_FAILURE;
        }
        if (e instanceof NoRouteToHostException || e instanceof PortUnreachableException) {
            return ProbeErrorKind.CONNECT_FAILED;
        }
        return ProbeErrorKind.OTHER;
    }

    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** "phase: message", short enough for a record field. */
    static String describe(Phase phase, Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        String s = phase.label() + ": " + m;
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
