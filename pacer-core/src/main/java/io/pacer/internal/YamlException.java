package io.pacer.internal;

/**
 * Internal, not API. A YAML file that cannot be used, located the way compilers locate errors, so the reader goes
 * straight to it: {@code rules.yaml:12:7: rules[1].warning: must be a number, but was 'high'}. The CLI prints
 * {@link #getMessage()} as its one line and exits 2.
 */
public class YamlException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String field;
    private final String problem;

    /**
     * @param file the file as the user named it
     * @param line 1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     * @param field the path of the field, {@code rules[1].warning}; empty for the whole file
     * @param problem what is wrong and how to fix it
     */
    public YamlException(String file, int line, int column, String field, String problem) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": "
                + (field.isEmpty() ? "" : field + ": ") + problem);
        this.file = file;
        this.line = line;
        this.column = column;
        this.field = field;
        this.problem = problem;
    }

    /** The same problem, for a subclass that names the kind of file. */
    protected YamlException(YamlException e) {
        this(e.file, e.line, e.column, e.field, e.problem);
        initCause(e.getCause());
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

    /** The path of the field, {@code rules[1].warning}; empty for the whole file. */
    public String field() {
        return field;
    }

    /** The message without the place and the field. */
    public String problem() {
        return problem;
    }
}
