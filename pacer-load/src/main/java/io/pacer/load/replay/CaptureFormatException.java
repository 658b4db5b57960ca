package io.pacer.load.replay;

/**
 * A capture line that cannot be read as a record. The message is one line naming the file, the line number, what
 * was expected and the start of the offending line, and says how to fix or skip it.
 */
public final class CaptureFormatException extends RuntimeException {

    private static final int SNIPPET_CHARS = 40;
    private final long lineNumber;

    CaptureFormatException(String file, long lineNumber, String problem, String line, String fix) {
        super(file + " line " + lineNumber + ": " + problem + ", got `" + snippet(line) + " (" + fix + ")");
        this.lineNumber = lineNumber;
    }

    /** A capture that cannot be read past {@code lineNumber} at all (a compressed file cut short). */
    CaptureFormatException(String file, long lineNumber, String problem, String fix) {
        super(file + " line " + lineNumber + ": " + problem + " (" + fix + ")");
        this.lineNumber = lineNumber;
    }

    /** The 1-based line the bad record began on. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The first characters of {@code line}, control characters escaped, so the message stays on one line. */
    private static String snippet(String line) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < line.length() && i < SNIPPET_CHARS; i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(line.length() > SNIPPET_CHARS ? "`…" : "`").toString();
    }
}
