package io.faultline.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.faultline.avro.ServiceHealth;
import io.faultline.avro.ServiceSignal;
import io.faultline.core.health.HealthChange;
import io.faultline.core.health.HealthConfig;
import io.faultline.core.health.ServiceHealthMachine;
import io.faultline.core.signal.Signal;
import io.faultline.schemas.mapping.HealthChanges;
import io.faultline.schemas.mapping.Signals;

/**
 * The health stage's routing, shared by the topology's processor (machines in a state store)
 * and the offline pipeline (machines in a map): a signal goes to its entity's machine; a tick
 * advances every machine to the stream time. The decisions are the machine's.
 */
public final class HealthStage {

    /** Where machines live between calls. */
    public interface Machines {
        /** The machine of {@code entityId}, or null. */
        ServiceHealthMachine get(String entityId);

        void put(ServiceHealthMachine machine);

        /** Every entity id, in ascending order (the order a key-value store iterates in). */
        List<String> ids();
    }

    private final HealthConfig config;
    private final Machines machines;

    public HealthStage(HealthConfig config, Machines machines) {
        this.config = config;
        this.machines = machines;
    }

    /** Feeds one signal; returns the health change it caused, if any. Unknown sources are skipped. */
    public Optional<ServiceHealth> onSignal(ServiceSignal wire) {
        Signal s = Signals.toCore(wire);
        if (s == null) {
            return Optional.empty();
        }
        ServiceHealthMachine m = machines.get(s.entityId());
        if (m == null) {
            m = new ServiceHealthMachine(s.entityId(), config);
        }
        Optional<HealthChange> change = m.apply(s);
        machines.put(m);
        return change.map(HealthChanges::toAvro);
    }

    /** Advances every machine to stream time {@code t}, emitting the changes (evidence ageing out). */
    public void advanceAll(Instant t, Consumer<ServiceHealth> emit) {
        List<ServiceHealth> out = new ArrayList<>();
        for (String id : machines.ids()) {
            ServiceHealthMachine m = machines.get(id);
            Optional<HealthChange> change = m.advanceTo(t);
            machines.put(m);
            change.map(HealthChanges::toAvro).ifPresent(out::add);
        }
        out.forEach(emit);
    }
}
