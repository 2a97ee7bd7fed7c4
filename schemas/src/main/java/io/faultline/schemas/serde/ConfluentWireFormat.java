package io.faultline.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary
 * body. Framing only; what the body means is {@link AvroCodec}'s business.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** Writes the header for {@code schemaId} in front of a body of {@code bodyLength} bytes. */
    public static ByteBuffer allocate(int schemaId, int bodyLength) {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_SIZE + bodyLength);
        buf.put(MAGIC_BYTE).putInt(schemaId);
        return buf;
    }

    /** The schema id of a framed payload, after checking the header. */
    public static int schemaId(String topic, byte[] payload) {
        if (payload.length < HEADER_SIZE) {
            throw new SerdeException(SerdeException.Kind.TRUNCATED, topic,
                    "payload of " + payload.length + " bytes is shorter than the 5-byte wire-format header");
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new SerdeException(SerdeException.Kind.UNKNOWN_MAGIC_BYTE, topic,
                    String.format("magic byte is 0x%02x, expected 0x00 (Confluent wire format)", payload[0] & 0xff));
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }
}
