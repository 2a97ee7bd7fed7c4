package io.faultline.ingestion.social.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void aRefusedConnectionWithoutMessageIsSaidInWords() {
        ConnectException refused = new ConnectException();
        refused.initCause(new java.nio.channels.ClosedChannelException());
        assertThat(Failures.describe(new ExecutionException(refused))).isEqualTo("connection refused (is the address right?)");
    }

    @Test
    void anUnknownHostIsNamed() {
        assertThat(Failures.describe(new java.io.IOException(new UnknownHostException("jetstream.invalid"))))
                .isEqualTo("unknown host jetstream.invalid");
    }

    @Test
    void noClassNameIsShown() {
        assertThat(Failures.describe(new java.io.IOException("java.io.EOFException: stream ended"))).isEqualTo("stream ended");
    }
}
