package io.pacer.monitor.alert;

import io.pacer.internal.YamlException;

/**
 * A rule file that cannot be used, located: {@code rules.yaml:12:7: rules[1].warning: must be a number, but was
 * 'high'} — {@link #file()}, {@link #line()}, {@link #column()} and {@link #field()} say the same separately. The CLI
 * prints {@link #getMessage()} as its one line.
 */
public final class RuleFileException extends YamlException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the file as the user named it
     * @param line 1-based, or 0 when unknown
     * @param column 1-based, or 0 when unknown
     * @param field the path of the field, {@code rules[1].warning}; empty for the whole file
     * @param problem what is wrong and how to fix it
     */
    public RuleFileException(String file, int line, int column, String field, String problem) {
        super(file, line, column, field, problem);
    }

    /** The same problem found by the YAML reader, as a rule file's. */
    RuleFileException(YamlException e) {
        super(e);
    }
}
