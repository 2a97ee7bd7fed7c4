package io.faultline.flink.kafka;

/**
 * A Kafka record exactly as read: bytes plus coordinates. Sources emit these and a
 * {@link DecodeOrDeadLetter} step turns them into typed values, so a record that cannot be
 * decoded reaches the dead-letter topic whole instead of failing the source. A Flink POJO.
 */
public class RawKafkaRecord {
    public String topic;
    public int partition;
    public long offset;
    public long timestamp;
    public byte[] key;
    public byte[] value;

    public RawKafkaRecord() {
    }

    public RawKafkaRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
    }
}
