package io.faultline.streams.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.health.HealthConfig;
import io.faultline.core.health.HealthMachineCodec;
import io.faultline.core.health.ServiceHealthMachine;
import io.faultline.streams.HealthStage;
import io.faultline.streams.live.StoreBytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-entity health: machines live in a key-value store (changelogged, so a restart resumes
 * them), a stream-time punctuation every {@link HealthConfig#tick()} lets evidence age out, and
 * only changes are forwarded. The last change per entity is also kept for interactive queries.
 */
public final class HealthProcessor implements Processor<String, ServiceSignal, String, ServiceHealth> {

    private final HealthConfig config;
    private ProcessorContext<String, ServiceHealth> context;
    private KeyValueStore<String, byte[]> latest;
    private HealthStage stage;

    public HealthProcessor(HealthConfig config) {
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<String, ServiceHealth> context) {
        this.context = context;
        KeyValueStore<String, byte[]> states = context.getStateStore(Names.HEALTH_STATE_STORE);
        this.latest = context.getStateStore(Names.HEALTH_LATEST_STORE);
        this.stage = new HealthStage(config, new StoreMachines(states, config));
        context.schedule(config.tick(), PunctuationType.STREAM_TIME,
                t -> stage.advanceAll(Instant.ofEpochMilli(t), this::emit));
    }

    @Override
    public void process(Record<String, ServiceSignal> record) {
        stage.onSignal(record.value()).ifPresent(this::emit);
    }

    private void emit(ServiceHealth h) {
        latest.put(h.getServiceId(), StoreBytes.encode(h));
        context.forward(new Record<>(h.getServiceId(), h, h.getEventTime().toEpochMilli()));
    }

    /**
     * Machines as bytes in the store (see HealthMachineCodec), every change written through, and the decoded
     * machines kept in memory so a signal does not decode its entity's machine again (a fifth of the stream
     * thread's samples in the e2e profile). The memory view is only ever ahead of nothing: each put writes the
     * store in the same call, and the view lives as long as this task's processor (under exactly-once a failed
     * commit closes the task and initialises it again, with a new view over the restored store).
     */
    private static final class StoreMachines implements HealthStage.Machines {
        private final KeyValueStore<String, byte[]> store;
        private final HealthConfig config;
        private final Map<String, ServiceHealthMachine> decoded = new HashMap<>();

        StoreMachines(KeyValueStore<String, byte[]> store, HealthConfig config) {
            this.store = store;
            this.config = config;
        }

        @Override
        public ServiceHealthMachine get(String entityId) {
            ServiceHealthMachine m = decoded.get(entityId);
            if (m != null) {
                return m;
            }
            byte[] b = store.get(entityId);
            if (b == null) {
                return null;
            }
            m = HealthMachineCodec.decode(entityId, config, b);
            decoded.put(entityId, m);
            return m;
        }

        @Override
        public void put(ServiceHealthMachine machine) {
            store.put(machine.entityId(), HealthMachineCodec.encode(machine));
            decoded.put(machine.entityId(), machine);
        }

        @Override
        public List<String> ids() {
            List<String> ids = new ArrayList<>();
            try (KeyValueIterator<String, byte[]> it = store.all()) {
                it.forEachRemaining(kv -> ids.add(kv.key));
            }
            return ids;
        }
    }
}
