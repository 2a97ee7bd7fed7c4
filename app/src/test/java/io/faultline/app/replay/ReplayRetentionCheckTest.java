package io.faultline.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ReplayRetentionCheckTest {

    static final String WEEK = "604800000";

    @Test
    void aTopicWithTimeRetentionAndCreateTimeWouldDeleteAReplay() {
        assertThat(ReplayRetentionCheck.problem("faultline.raw.probe",
                Map.of("cleanup.policy", "delete", "retention.ms", WEEK, "message.timestamp.type", "CreateTime")))
                .hasValueSatisfying(p -> assertThat(p).contains("faultline.raw.probe", "retention.ms=604800000", "PT168H",
                        "--allow-expiring-records"));
        assertThat(ReplayRetentionCheck.problem("t", Map.of("cleanup.policy", "compact,delete", "retention.ms", WEEK))).isPresent();
    }

    @Test
    void topicsThatKeepEverythingOrStampAppendTimeAreFine() {
        assertThat(ReplayRetentionCheck.problem("t", Map.of("cleanup.policy", "delete", "retention.ms", "-1"))).isEmpty();
        assertThat(ReplayRetentionCheck.problem("t", Map.of("cleanup.policy", "compact", "retention.ms", WEEK))).isEmpty();
        assertThat(ReplayRetentionCheck.problem("t",
                Map.of("retention.ms", WEEK, "message.timestamp.type", "LogAppendTime"))).isEmpty();
    }
}
