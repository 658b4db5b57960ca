/**
 * Replay of recorded traffic: {@link io.pacer.load.replay.Captures} streams a capture file record by record and
 * {@link io.pacer.load.replay.ReplayDrivers#replay(io.pacer.load.replay.ReplaySettings)} sends it into a Kafka
 * topic at the recorded timing times a speed factor, or as fast as possible.
 *
 * <h2>Capture format</h2>
 * (also in {@code docs/capture-format.md})
 * <ul>
 *   <li><b>JSON lines</b>: one object per line,
 *       <code>{"ts": 1714564800250, "key": "order-1", "value": "...", "headers": {"trace": "t-1"}}</code>.
 *       {@code ts} is epoch milliseconds or ISO-8601 text with an offset ({@code "2024-05-01T12:00:00.250Z"});
 *       {@code key} is a string, {@code null} or absent; {@code value} is a string (UTF-8), or
 *       {@code value_b64} is base64 for binary values; {@code headers} (optional) maps names to strings. Other
 *       fields are ignored.</li>
 *   <li><b>CSV</b> (RFC 4180): the header line {@code ts,key,value}, then one record per row; quote a field
 *       containing a comma, quote or line break with {@code "} and double the quotes inside it. An empty key is
 *       {@code null}, a quoted empty key {@code ""} the empty key.</li>
 *   <li>Either may be <b>gzip</b>-compressed, recognised by the magic bytes. Blank lines are ignored; lines end in
 *       {@code \n} or {@code \r\n}; a line may be at most 16 MiB.</li>
 * </ul>
 * A bad line stops reading with a one-line {@link io.pacer.load.replay.CaptureFormatException} naming the file,
 * line number, the problem and the start of the line; opened with {@code skipBadLines}, such lines are skipped and
 * counted instead.
 *
 * <h2>Streaming</h2>
 * <pre>
 *   file ─▶ BufferedInputStream ─▶ [GZIPInputStream] ─▶ LineReader (one reusable buffer, lines as ranges)
 *        ─▶ JsonLinesParser (Jackson JsonParser on the range) | CsvParser ─▶ CaptureRecord ─▶ KafkaProducer
 * </pre>
 * Only the record about to be sent and one buffer (1 MiB, grown to the longest line) are held: memory is bounded
 * by design, whatever the capture's size.
 */
package io.pacer.load.replay;
