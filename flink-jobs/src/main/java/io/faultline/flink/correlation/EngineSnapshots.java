package io.faultline.flink.correlation;

import io.faultline.core.correlation.EngineSnapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * Engine snapshots as bytes for Flink state. Java serialisation of the snapshot's plain records and
 * arrays: Kryo cannot rebuild the JDK's immutable lists inside them, and the snapshot is written once
 * per tick (once per event-time minute), not per record.
 */
final class EngineSnapshots {

    private EngineSnapshots() {
    }

    static byte[] toBytes(EngineSnapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the engine snapshot", e);
        }
        return bytes.toByteArray();
    }

    static EngineSnapshot fromBytes(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (EngineSnapshot) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot restore the engine snapshot from state", e);
        }
    }
}
