package io.faultline.api.http;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Serialised JSON of live answers, kept per key until the store's version moves. Serialising the
 * open incidents (tens of KB with their members and timelines) was most of the server's CPU
 * under load, while the answer changes only when a revision arrives. The version is read
 * <em>before</em> the answer is computed: a change that lands in between tags the bytes with the
 * older version, so the next request recomputes — never a stale answer under a newer version.
 * Unversioned stores (empty version) are serialised on every request.
 */
final class JsonCache {

    private record Entry(long version, byte[] json) {
    }

    private final ObjectMapper json;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    JsonCache(ObjectMapper json) {
        this.json = json;
    }

    byte[] get(String key, OptionalLong version, Supplier<?> answer) throws JsonProcessingException {
        if (version.isEmpty()) {
            return json.writeValueAsBytes(answer.get());
        }
        long v = version.getAsLong();
        Entry e = entries.get(key);
        if (e != null && e.version() == v) {
            return e.json();
        }
        byte[] bytes = json.writeValueAsBytes(answer.get());
        entries.put(key, new Entry(v, bytes));
        return bytes;
    }
}
