package io.faultline.streams.topology;

/** Names of processors and state stores: stable, because changelog topics and metrics are named after them. */
public final class Names {

    public static final String CATALOG_STORE = "catalog-store";
    public static final String DEDUPE_STORE = "dedupe-store";
    public static final String HEALTH_STATE_STORE = "health-state-store";
    public static final String HEALTH_LATEST_STORE = "health-latest-store";

    public static final String CATALOG_SOURCE = "read-catalog";
    public static final String CATALOG_UPDATER = "update-catalog-index";
    public static final String MERGE_RAW = "merge-raw";
    public static final String DEDUPE = "dedupe-by-natural-key";
    public static final String RESOLVE = "resolve-to-catalog-entities";
    public static final String WRITE_SIGNALS = "write-signals";
    public static final String READ_SIGNALS = "read-signals";
    public static final String DECODE_SIGNALS = "decode-signals";
    public static final String JUDGE_HEALTH = "judge-service-health";
    public static final String WRITE_HEALTH = "write-service-health";

    private Names() {
    }

    public static String readRaw(String source) {
        return "read-raw-" + source;
    }

    public static String decodeRaw(String source) {
        return "decode-raw-" + source;
    }

    public static String deadLetters(String stage) {
        return "dead-letters-" + stage;
    }
}
