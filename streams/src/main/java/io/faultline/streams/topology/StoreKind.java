package io.faultline.streams.topology;

import java.time.Duration;

import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Where the topology's stores keep their data. Both are changelogged, so both survive a
 * restart through the changelog; RocksDB also restores locally without replaying it and holds
 * more than the heap. In-memory suits tests: the test driver commits after every record, and
 * each commit flushes RocksDB to disk.
 */
public enum StoreKind {
    PERSISTENT,
    IN_MEMORY;

    KeyValueBytesStoreSupplier keyValue(String name) {
        return this == PERSISTENT ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    WindowBytesStoreSupplier window(String name, Duration retention) {
        return this == PERSISTENT ? Stores.persistentWindowStore(name, retention, retention, false)
                : Stores.inMemoryWindowStore(name, retention, retention, false);
    }
}
