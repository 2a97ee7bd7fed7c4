package io.faultline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void namesCarryThePrefixAndAreUnique() {
        Topics t = Topics.withPrefix("acme.");
        assertThat(t.all()).extracting(Topics.Topic::name).allMatch(n -> n.startsWith("acme.")).doesNotHaveDuplicates();
        assertThat(t.incidents.compacted()).isTrue();
        assertThat(t.catalog.compacted()).isTrue();
        assertThat(t.rawProbe.compacted()).isFalse();
    }

    @Test
    void illegalPrefixFailsNamingTheSetting() {
        assertThatThrownBy(() -> Topics.withPrefix("bad prefix/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic prefix");
    }
}
