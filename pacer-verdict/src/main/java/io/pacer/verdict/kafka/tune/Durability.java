package io.pacer.verdict.kafka.tune;

/** Which acknowledgement settings the tuner may try: durability is the user's choice, never the tuner's. */
public enum Durability {
    /** Only {@code acks=all} with idempotence (Kafka's default): every candidate is as durable as the defaults. */
    STRICT,
    /** {@code acks=1} (idempotence off, explicitly) is tried too: a leader's crash may lose acknowledged records. */
    RELAXED
}
