package io.pacer.monitor.alert;

/**
 * A rule file that cannot be used, located: {@code rules.yaml:12:7: rules[1].warning must be a number, but was 'high'}.
 * The CLI prints {@link #getMessage()} as its one line.
 */
public final class RuleFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String field;

    /**
     * @param file the file as the user named it
     * @param line 1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     * @param field the path of the field, {@code rules[1].warning}; empty for the whole file
     * @param problem what is wrong and how to fix it
     */
    public RuleFileException(String file, int line, int column, String field, String problem) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": "
                + (field.isEmpty() ? "" : field + ": ") + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public String field() {
        return field;
    }
}
