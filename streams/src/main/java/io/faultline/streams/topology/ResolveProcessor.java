package io.faultline.streams.topology;

import java.util.ArrayList;
import java.util.List;

import io.faultline.avro.CatalogEntry;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.resolve.CatalogIndex;
import io.faultline.core.resolve.ResolvableEntity;
import io.faultline.core.resolve.Resolver;
import io.faultline.core.signal.Signal;
import io.faultline.schemas.mapping.CatalogVocabularies;
import io.faultline.schemas.mapping.Signals;
import io.faultline.schemas.serde.AvroCodec;
import io.faultline.schemas.serde.SerdeException;
import io.faultline.streams.Normaliser;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves each raw observation to signals keyed by catalog entity id (re-keying for the
 * health stage), with the signal's event time as the record time. The resolver's index is
 * rebuilt from the global catalog store whenever the catalog changed, so edits apply without a
 * restart.
 */
public final class ResolveProcessor implements Processor<String, SpecificRecord, String, ServiceSignal> {

    private static final Logger LOG = LoggerFactory.getLogger(ResolveProcessor.class);

    private final CatalogVersion version;
    private final AvroCodec<CatalogEntry> catalogCodec;
    private final String catalogTopic;
    private ProcessorContext<String, ServiceSignal> context;
    private KeyValueStore<String, byte[]> catalog;
    private Resolver resolver;
    private long builtAt = -1;
    private long unresolved;

    public ResolveProcessor(CatalogVersion version, AvroCodec<CatalogEntry> catalogCodec, String catalogTopic) {
        this.version = version;
        this.catalogCodec = catalogCodec;
        this.catalogTopic = catalogTopic;
    }

    @Override
    public void init(ProcessorContext<String, ServiceSignal> context) {
        this.context = context;
        this.catalog = context.getStateStore(Names.CATALOG_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        long v = version.current();
        if (resolver == null || v != builtAt) {
            resolver = new Resolver(CatalogIndex.of(readCatalog()));
            builtAt = v;
        }
        List<Signal> signals = Normaliser.signals(resolver, record.value());
        if (signals.isEmpty()) {
            unresolved++;
            if (unresolved % 1000 == 1) {
                LOG.info("{} observations named nothing in the catalog so far (latest key {})", unresolved, record.key());
            }
        }
        for (Signal s : signals) {
            context.forward(new Record<>(s.entityId(), Signals.toAvro(s), s.eventTime().toEpochMilli()));
        }
    }

    private List<ResolvableEntity> readCatalog() {
        List<ResolvableEntity> entities = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = catalog.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                try {
                    CatalogEntry e = catalogCodec.decode(catalogTopic, kv.value);
                    if (!e.getDeleted()) {
                        entities.add(CatalogVocabularies.toResolvable(e));
                    }
                } catch (SerdeException | IllegalArgumentException | NullPointerException e) {
                    LOG.warn("catalog entry '{}' is unreadable and left out of the index: {}", kv.key, e.getMessage());
                }
            }
        }
        LOG.info("catalog index rebuilt: {} entities", entities.size());
        return entities;
    }

}
