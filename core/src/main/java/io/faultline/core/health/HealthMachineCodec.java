package io.faultline.core.health;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.faultline.core.correlation.HealthLevel;
import io.faultline.core.signal.PoissonBurstDetector;
import io.faultline.core.signal.ProbeFailureRatio;

/**
 * Compact binary form of a {@link ServiceHealthMachine}, for a host's state store (a Kafka
 * Streams store with a changelog, a Flink value state). Versioned by a leading byte so a later
 * layout can still read this one. The config is not stored: it comes from the host.
 */
public final class HealthMachineCodec {

    /**
     * 2: probe vantages also keep the result before their latest; 3: the probes still out and the
     * current connection burst (read: 1 to 3).
     */
    private static final byte VERSION = 3;

    private HealthMachineCodec() {
    }

    public static byte[] encode(ServiceHealthMachine m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte(m.state.ordinal());
            out.writeLong(m.now);
            out.writeLong(m.calmSince);
            out.writeLong(m.notDownSince);
            out.writeLong(m.lastSocial);
            out.writeLong(m.lastDisconnect);
            out.writeBoolean(m.social != null);
            if (m.social != null) {
                m.social.write(out);
            }
            out.writeBoolean(m.connections != null);
            if (m.connections != null) {
                m.connections.write(out);
            }
            out.writeBoolean(m.probes != null);
            if (m.probes != null) {
                m.probes.write(out);
            }
            out.writeShort(m.status.size());
            for (StatusEntry e : m.status) {
                out.writeUTF(e.key());
                out.writeByte(e.level().ordinal());
                out.writeDouble(e.strength());
                out.writeLong(e.timeMillis());
                out.writeUTF(e.detail());
                out.writeBoolean(e.region() != null);
                if (e.region() != null) {
                    out.writeUTF(e.region());
                }
            }
            out.writeLong(m.burstFrom);
            out.writeInt(m.burstPeak);
            out.writeInt(m.out.size());
            for (java.util.Map.Entry<String, Long> e : m.out.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static ServiceHealthMachine decode(String entityId, HealthConfig config, byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version < 1 || version > VERSION) {
                throw new IllegalStateException("health state of '" + entityId + "' has layout version " + version
                        + ", this build reads " + VERSION);
            }
            HealthLevel[] levels = HealthLevel.values();
            ServiceHealthMachine m = new ServiceHealthMachine(entityId, config);
            m.state = levels[in.readByte()];
            m.now = in.readLong();
            m.calmSince = in.readLong();
            m.notDownSince = in.readLong();
            m.lastSocial = in.readLong();
            m.lastDisconnect = in.readLong();
            if (in.readBoolean()) {
                m.social = PoissonBurstDetector.read(config.social(), in);
            }
            if (in.readBoolean()) {
                m.connections = PoissonBurstDetector.read(config.connections(), in);
            }
            if (in.readBoolean()) {
                m.probes = ProbeFailureRatio.read(config.probes(), in, version >= 2);
            }
            int n = in.readShort();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                HealthLevel level = levels[in.readByte()];
                double strength = in.readDouble();
                long time = in.readLong();
                String detail = in.readUTF();
                String region = in.readBoolean() ? in.readUTF() : null;
                m.status.add(new StatusEntry(key, level, strength, time, detail, region));
            }
            if (version >= 3) {
                m.burstFrom = in.readLong();
                m.burstPeak = in.readInt();
                int outs = in.readInt();
                for (int i = 0; i < outs; i++) {
                    m.out.put(in.readUTF(), in.readLong());
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("health state of '" + entityId + "' is corrupt", e);
        }
    }
}
