package io.faultline.ingestion.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.ingestion.ParseOutcome;
import io.faultline.testsupport.TestResources;

/**
 * The status-page fixture bodies ({@code src/test/resources/statuspage}) and the public samples
 * ({@code statuspages/} in the data folder), read in place; for the parser and the poller tests alike.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static byte[] resource(String name) {
        return TestResources.bytes("/statuspage/" + name);
    }

    /** The fixture with {@code from} replaced by {@code to}; fails if {@code from} is absent, so edits cannot silently miss. */
    public static byte[] edited(String name, String from, String to) {
        return TestResources.edited("/statuspage/" + name, from, to);
    }

    /** A public sample from the shared data dir; the test is skipped, with the reason, when it is absent. */
    public static byte[] sample(String relative) {
        return TestResources.sample("statuspages/" + relative);
    }

    /** The first page a parse made, after checking the parse rejected nothing. */
    public static PageSnapshot cleanPage(ParseOutcome<PageSnapshot> out) {
        PageSnapshot page = out.records().get(0);
        assertThat(out.rejected()).isEmpty();
        return page;
    }
}
