package io.faultline.streams.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global catalog store (the GlobalKTable of the compacted catalog topic) as raw bytes
 * by entity id, and tells the resolvers an edit happened. Bytes are decoded when the index is
 * rebuilt, where a broken entry can be reported without stopping the global thread.
 */
public final class CatalogStoreUpdater implements Processor<String, byte[], Void, Void> {

    private final CatalogVersion version;
    private KeyValueStore<String, byte[]> store;

    public CatalogStoreUpdater(CatalogVersion version) {
        this.version = version;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(Names.CATALOG_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        version.bump();
    }
}
