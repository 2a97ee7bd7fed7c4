package io.faultline.streams.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.faultline.avro.ServiceHealth;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * ServiceHealth as plain Avro binary (no registry header) for the local last-change store: the
 * store is private to this application and always written and read by the same build.
 */
public final class StoreBytes {

    private static final SpecificDatumWriter<ServiceHealth> WRITER = new SpecificDatumWriter<>(ServiceHealth.class);
    private static final SpecificDatumReader<ServiceHealth> READER = new SpecificDatumReader<>(ServiceHealth.class);

    private StoreBytes() {
    }

    public static byte[] encode(ServiceHealth h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            synchronized (WRITER) {
                WRITER.write(h, enc);
            }
            enc.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static ServiceHealth decode(byte[] b) {
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(b, null);
        try {
            synchronized (READER) {
                return READER.read(null, dec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
