package io.pacer.bench.kafka;

/** One way of getting events into Kafka: a bare producer, or a Pacer batcher in front of one. */
interface Contender extends AutoCloseable {

    /** Hands one event over; may block for back-pressure. Returns false if the event was refused. */
    boolean send(byte[] event);

    /** Returns once every event handed over so far is acknowledged (or failed). */
    void drain() throws Exception;

    /** Events that failed or were refused so far. */
    long failures();

    /** What it ran with, for the report: settings in force at the end. */
    String settings();

    @Override
    void close();
}
