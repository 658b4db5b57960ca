package io.pacer.batch;

import io.pacer.internal.Check;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Spool} kept as a log of segment files {@code spool-<20-digit seq>.log} in one directory, plus a
 * {@code commit.pos} checkpoint. Each batch is one record ({@link SpoolRecordFormat}).
 *
 * <p><b>Threading:</b> one writer and one reader, in practice the batcher's flusher thread doing both; any
 * interleaving of append / peek / commit from that thread is fine. Methods synchronize on the spool, so a
 * {@link #close} from another thread is safe too. One process per directory: a {@code spool.lock} file lock
 * rejects a second opener.
 *
 * <p><b>Durability:</b> when {@link #append} returns, the record is in the operating system's page cache, so it
 * survives the process being killed (SIGKILL, OOM kill, crash). Surviving power loss needs {@code fsync=true},
 * which forces every append, checkpoint and directory change to the device (slow).
 *
 * <p><b>Delivery:</b> {@link #commit} writes the checkpoint (temp file, then atomic rename) before it returns;
 * fully consumed segments are then deleted. Without a crash, every acknowledged append is peeked and committed
 * exactly once. After a crash, replay starts at the last checkpoint, so a batch that was peeked and delivered
 * but not yet committed is delivered again: at-least-once across crashes.
 *
 * <p><b>Size bound:</b> {@link #append} throws {@link SpoolFullException}, writing nothing, when the record would
 * take {@link #sizeBytes} (uncommitted records) past {@code maxBytes}. Consumed bytes still sitting at the front
 * of the live segment are not counted; they are freed when that segment rolls, which also happens whenever a
 * commit drains the spool.
 *
 * <p><b>Recovery</b> on {@link #open}: segments before the checkpoint are deleted; the rest are scanned from the
 * checkpoint on. The first record that runs past the end of its file, has a bad magic byte, fails its CRC or
 * has a malformed payload ends its segment: the file is truncated at that record's start (WARN for the last
 * segment, where a torn tail is the normal result of a crash; ERROR for an earlier segment, which only media
 * corruption can cause) and later segments are still read — each segment starts on a record boundary. Records
 * after the cut in that segment are lost; nothing after a bad byte is ever returned. A missing or corrupt
 * checkpoint replays from the oldest segment.
 */
final class SegmentSpool<T> implements Spool<T> {

    static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SegmentSpool.class);
    private static final Pattern SEGMENT_NAME = Pattern.compile("spool-(\\d{20})\\.log");
    private static final String LOCK_FILE = "spool.lock";

    private final Path directory;
    private final long maxBytes;
    private final long segmentBytes;
    private final boolean fsync;
    private final SpoolCodec<T> codec;
    private final FileChannel lockChannel;
    private final FileLock lock;

    /** Oldest first; the first holds the commit position, the last is written to. Never empty while open. */
    private final ArrayDeque<Segment> segments = new ArrayDeque<>();

    private long headOffset;
    private FileChannel writeChannel;
    private FileChannel readChannel;
    private Segment readSegment;
    private boolean rollBeforeNextAppend;
    private Peeked<T> peeked;
    private long depthEvents;
    private long sizeBytes;
    private boolean closed;

    private static final class Segment {
        final long seq;
        final Path path;
        /** Bytes of whole, valid records; the file holds no more than this except after a failed append. */
        long end;

        Segment(long seq, Path path, long end) {
            this.seq = seq;
            this.path = path;
            this.end = end;
        }
    }

    private record Peeked<T>(List<T> batch, int events, int bytes, long nextOffset) {}

    private SegmentSpool(
            Path directory,
            long maxBytes,
            SpoolCodec<T> codec,
            long segmentBytes,
            boolean fsync,
            FileChannel lockChannel,
            FileLock lock) {
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.codec = codec;
        this.segmentBytes = segmentBytes;
        this.fsync = fsync;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens (creating if needed) the spool in {@code directory} with 64 MiB segments and no fsync. */
    static <T> SegmentSpool<T> open(Path directory, long maxBytes, SpoolCodec<T> codec) throws IOException {
        return open(directory, maxBytes, codec, DEFAULT_SEGMENT_BYTES, false);
    }

    /**
     * Opens (creating if needed) the spool in {@code directory} and recovers what a previous process left.
     *
     * @param segmentBytes a segment rolls when the next record would take it past this (a bigger record gets a
     *     segment of its own); tests pass tiny values
     * @param fsync force each append and checkpoint to the device, to survive power loss and not only a crash
     */
    static <T> SegmentSpool<T> open(
            Path directory, long maxBytes, SpoolCodec<T> codec, long segmentBytes, boolean fsync) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(codec, "codec");
        Check.range("maxBytes", maxBytes, 1, Long.MAX_VALUE);
        Check.range("segmentBytes", segmentBytes, 1, Long.MAX_VALUE);
        Path dir = directory.toAbsolutePath();
        Files.createDirectories(dir);
        FileChannel lockChannel =
                FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new IOException(
                    "spool at " + dir + " is already open (in this or another process); one owner per directory");
        }
        SegmentSpool<T> spool = new SegmentSpool<>(dir, maxBytes, codec, segmentBytes, fsync, lockChannel, lock);
        try {
            spool.recover();
        } catch (IOException | RuntimeException e) {
            spool.closeQuietly();
            throw e;
        }
        return spool;
    }

    @Override
    public synchronized void append(List<T> batch) throws IOException {
        ensureOpen();
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("batch must hold at least one event, but was empty");
        }
        ByteBuffer record = SpoolRecordFormat.encode(batch, codec);
        int size = record.remaining();
        if (size > maxBytes - sizeBytes) {
            throw new SpoolFullException("spool at " + directory + " is full: " + sizeBytes + " bytes used of maxBytes "
                    + maxBytes + ", next record needs " + size
                    + "; raise Overflow.spill(dir, maxBytes) or restore the sink");
        }
        Segment segment = segments.getLast();
        if (rollBeforeNextAppend || (segment.end > 0 && segment.end + size > segmentBytes)) {
            openNextSegment();
            if (headOffset >= segments.getFirst().end) {
                moveHeadTo(segments.getFirst(), headOffset); // the old segment was fully consumed: delete it now
            }
            segment = segments.getLast();
        }
        try {
            writeFully(writeChannel, record, segment.end);
            if (fsync) {
                writeChannel.force(false);
            }
        } catch (IOException e) {
            undoPartialWrite(segment, e);
            throw e;
        }
        segment.end += size;
        sizeBytes += size;
        depthEvents += batch.size();
    }

    @Override
    public synchronized List<T> peek() throws IOException {
        ensureOpen();
        if (peeked != null) {
            return peeked.batch();
        }
        Segment head = segments.getFirst();
        if (headOffset >= head.end) {
            return null; // moveHeadTo keeps the head past consumed segments, so nothing is left
        }
        FileChannel channel = readChannel(head);
        ByteBuffer header = ByteBuffer.allocate(SpoolRecordFormat.HEADER_BYTES);
        readFully(channel, header, headOffset);
        byte magic = header.get(0);
        int length = header.getInt(1);
        if (magic != SpoolRecordFormat.MAGIC
                || length < 4
                || length > head.end - headOffset - SpoolRecordFormat.HEADER_BYTES) {
            throw corrupt(head, headOffset, "bad header");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(channel, payload, headOffset + SpoolRecordFormat.HEADER_BYTES);
        int events = SpoolRecordFormat.eventCount(payload);
        if (header.getInt(5) != SpoolRecordFormat.crc(payload) || events < 0) {
            throw corrupt(head, headOffset, "bad checksum or payload");
        }
        List<T> batch = SpoolRecordFormat.decode(payload, codec);
        int bytes = SpoolRecordFormat.HEADER_BYTES + length;
        peeked = new Peeked<>(batch, events, bytes, headOffset + bytes);
        return batch;
    }

    @Override
    public synchronized void commit() throws IOException {
        ensureOpen();
        Peeked<T> done = peeked;
        if (done == null) {
            throw new IllegalStateException("commit() needs a batch returned by peek() first");
        }
        Segment head = segments.getFirst();
        if (segments.size() == 1 && done.nextOffset() == head.end && head.end > 0) {
            openNextSegment(); // this commit drains the spool: start a fresh segment so the old one is deleted now
        }
        moveHeadTo(head, done.nextOffset());
        peeked = null;
        depthEvents -= done.events();
        sizeBytes -= done.bytes();
    }

    @Override
    public synchronized long depthEvents() {
        return depthEvents;
    }

    @Override
    public synchronized long sizeBytes() {
        return sizeBytes;
    }

    Path directory() {
        return directory;
    }

    /** Closes the files and releases the directory lock. Idempotent; other methods then throw, except the two gauges. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        for (AutoCloseable c : new AutoCloseable[] {writeChannel, readChannel, lock, lockChannel}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof IOException io ? io : new IOException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "SegmentSpool[" + directory + ", " + depthEvents + " events, " + sizeBytes + " of " + maxBytes
                + " bytes]";
    }

    // ---- recovery

    private void recover() throws IOException {
        Files.deleteIfExists(checkpointTemp());
        List<Long> found = listSegments();
        SpoolCheckpoint checkpoint = readCheckpoint();
        long startSeq = checkpoint != null ? checkpoint.segment() : found.isEmpty() ? 0 : found.get(0);
        long startOffset = checkpoint != null ? checkpoint.offset() : 0;
        long nextSeq = Math.max(startSeq, found.isEmpty() ? 0 : found.get(found.size() - 1) + 1);
        List<Long> live = new ArrayList<>();
        for (long seq : found) {
            if (seq < startSeq) {
                Files.deleteIfExists(segmentPath(seq)); // consumed; a crash came between checkpoint and delete
            } else {
                live.add(seq);
            }
        }
        if (live.isEmpty() || live.get(0) != startSeq) {
            startOffset = 0; // the checkpoint's segment is gone, so it was fully consumed
        }
        for (int i = 0; i < live.size(); i++) {
            long seq = live.get(i);
            long from = i == 0 ? startOffset : 0;
            segments.addLast(scan(seq, from, i == live.size() - 1));
            if (i == 0) {
                headOffset = Math.min(from, segments.getFirst().end);
            }
        }
        if (segments.isEmpty()) {
            Path path = segmentPath(nextSeq);
            Files.deleteIfExists(path);
            segments.addLast(new Segment(nextSeq, Files.createFile(path), 0));
            headOffset = 0;
        }
        Segment last = segments.getLast();
        writeChannel = FileChannel.open(last.path, StandardOpenOption.WRITE);
        moveHeadTo(segments.getFirst(), headOffset);
        if (depthEvents > 0 || !found.isEmpty()) {
            LOG.info(
                    "Spool at {} opened: {} events in {} bytes to replay, {} segment(s)",
                    directory,
                    depthEvents,
                    sizeBytes,
                    segments.size());
        }
    }

    /** Reads a segment from {@code from}, counting its records and cutting it at the first bad one. */
    private Segment scan(long seq, long from, boolean last) throws IOException {
        Path path = segmentPath(seq);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long fileSize = channel.size();
            if (from > fileSize) {
                LOG.error(
                        "Spool checkpoint points at offset {} of {}, which has only {} bytes; treating the segment as consumed",
                        from,
                        path,
                        fileSize);
                return new Segment(seq, path, fileSize);
            }
            ByteBuffer header = ByteBuffer.allocate(SpoolRecordFormat.HEADER_BYTES);
            long position = from;
            String problem = null;
            while (position < fileSize) {
                if (fileSize - position < SpoolRecordFormat.HEADER_BYTES) {
                    problem = "record header runs past end of file";
                    break;
                }
                header.clear();
                readFully(channel, header, position);
                int length = header.getInt(1);
                if (header.get(0) != SpoolRecordFormat.MAGIC) {
                    problem = "bad magic byte";
                    break;
                }
                if (length < 4 || length > fileSize - position - SpoolRecordFormat.HEADER_BYTES) {
                    problem = "record length " + length + " runs past end of file";
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(length);
                readFully(channel, payload, position + SpoolRecordFormat.HEADER_BYTES);
                if (header.getInt(5) != SpoolRecordFormat.crc(payload)) {
                    problem = "CRC32C mismatch";
                    break;
                }
                int events = SpoolRecordFormat.eventCount(payload);
                if (events < 0) {
                    problem = "malformed payload";
                    break;
                }
                depthEvents += events;
                sizeBytes += SpoolRecordFormat.HEADER_BYTES + length;
                position += SpoolRecordFormat.HEADER_BYTES + length;
            }
            if (problem != null) {
                long cut = fileSize - position;
                if (last) {
                    LOG.warn(
                            "Spool segment {} has a torn or corrupt tail at offset {} ({}); cut {} bytes",
                            path,
                            position,
                            problem,
                            cut);
                } else {
                    LOG.error(
                            "Spool segment {} is corrupt at offset {} ({}), before the last segment; cut {} bytes "
                                    + "(records in them are lost) and kept the later segments",
                            path,
                            position,
                            problem,
                            cut);
                }
                channel.truncate(position);
                if (fsync) {
                    channel.force(true);
                }
            }
            return new Segment(seq, path, position);
        }
    }

    private List<Long> listSegments() throws IOException {
        List<Long> seqs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (m.matches() && Files.isRegularFile(file)) {
                    seqs.add(Long.parseLong(m.group(1)));
                }
            }
        }
        seqs.sort(null);
        return seqs;
    }

    private SpoolCheckpoint readCheckpoint() throws IOException {
        Path file = directory.resolve(SpoolCheckpoint.FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        SpoolCheckpoint checkpoint = SpoolCheckpoint.parse(Files.readAllBytes(file));
        if (checkpoint == null) {
            LOG.error("Spool checkpoint {} is corrupt; replaying from the oldest segment (batches may repeat)", file);
        }
        return checkpoint;
    }

    // ---- commit position and segments

    /**
     * Moves the commit position to {@code offset} in {@code from} (the head), skipping segments that position
     * has fully consumed, writes the checkpoint durably, and only then deletes the consumed segments.
     */
    private void moveHeadTo(Segment from, long offset) throws IOException {
        Iterator<Segment> it = segments.iterator();
        Segment segment = it.next();
        if (segment != from) {
            throw new IllegalStateException("bug: commit position is not in the oldest segment");
        }
        int consumed = 0;
        while (offset >= segment.end && it.hasNext()) {
            segment = it.next();
            offset = 0;
            consumed++;
        }
        writeCheckpoint(new SpoolCheckpoint(segment.seq, offset));
        headOffset = offset;
        for (int i = 0; i < consumed; i++) {
            Segment gone = segments.removeFirst();
            if (gone == readSegment) {
                closeReadChannel();
            }
            try {
                Files.deleteIfExists(gone.path);
            } catch (IOException e) {
                LOG.warn("Could not delete consumed spool segment {}; the next open deletes it", gone.path, e);
            }
        }
    }

    private void writeCheckpoint(SpoolCheckpoint checkpoint) throws IOException {
        Path temp = checkpointTemp();
        try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(channel, ByteBuffer.wrap(checkpoint.toBytes()), 0);
            if (fsync) {
                channel.force(true);
            }
        }
        Files.move(temp, directory.resolve(SpoolCheckpoint.FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        syncDirectoryIfFsync();
    }

    private void openNextSegment() throws IOException {
        long seq = segments.getLast().seq + 1;
        Path path = segmentPath(seq);
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileChannel old = writeChannel;
        writeChannel = channel;
        segments.addLast(new Segment(seq, path, 0));
        rollBeforeNextAppend = false;
        syncDirectoryIfFsync();
        if (old != null) {
            old.close();
        }
    }

    /** After a failed append, cuts its partial bytes, or failing that moves on to a fresh segment. */
    private void undoPartialWrite(Segment segment, IOException cause) {
        try {
            writeChannel.truncate(segment.end);
        } catch (IOException e) {
            cause.addSuppressed(e);
            rollBeforeNextAppend = true; // recovery will cut the partial record at this segment's end
        }
    }

    private FileChannel readChannel(Segment segment) throws IOException {
        if (readSegment != segment) {
            closeReadChannel();
            readChannel = FileChannel.open(segment.path, StandardOpenOption.READ);
            readSegment = segment;
        }
        return readChannel;
    }

    private void closeReadChannel() throws IOException {
        FileChannel channel = readChannel;
        readChannel = null;
        readSegment = null;
        if (channel != null) {
            channel.close();
        }
    }

    private IOException corrupt(Segment segment, long offset, String problem) {
        return new IOException("spool record in " + segment.path + " at offset " + offset + " is corrupt (" + problem
                + "); it was valid when written, so the file changed on disk");
    }

    private void syncDirectoryIfFsync() {
        if (!fsync) {
            return;
        }
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot fsync directory {} on this platform", directory, e);
        }
    }

    private Path segmentPath(long seq) {
        return directory.resolve(String.format("spool-%020d.log", seq));
    }

    private Path checkpointTemp() {
        return directory.resolve(SpoolCheckpoint.FILE_NAME + ".tmp");
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("spool at " + directory + " is closed");
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            LOG.debug("Closing spool at {} after a failed open", directory, e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new IOException("unexpected end of spool file at offset " + at);
            }
            at += n;
        }
        buffer.flip();
    }
}
