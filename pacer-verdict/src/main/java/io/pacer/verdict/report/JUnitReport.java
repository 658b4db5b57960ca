package io.pacer.verdict.report;

import io.pacer.load.RunResult;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JUnit XML report CI servers read (Jenkins, GitLab, GitHub Actions test reporters): one {@code <testsuite>} per
 * scenario, one {@code <testcase>} per gate — a failed gate carries its measured value and bound in a
 * {@code <failure>} — and first in each suite a {@code run} test case that is an {@code <error>} when the scenario
 * could not run; compared with a baseline, one {@code compare METRIC} test case per metric, failed when it regressed.
 * Valid against the Jenkins xUnit plugin's {@code junit-10.xsd}, the schema those servers follow.
 */
public final class JUnitReport {

    /** The test case that stands for the scenario having run at all. */
    public static final String RUN_CASE = "run";

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private JUnitReport() {}

    /** Writes the report of a suite run to {@code out} (UTF-8), replacing it. */
    public static void write(SuiteResult suite, Path out) throws IOException {
        writeFile(out, render(suite));
    }

    /** Writes the report of one run, its gates those every run must meet (no failed operation, none lost). */
    public static void write(RunResult run, Path out) throws IOException {
        writeFile(out, render(run));
    }

    /**
     * Writes the report of a suite run compared with a baseline ({@code pacer full --baseline}): besides the gates,
     * one test case per compared metric ({@code compare p99}), a failure when the comparison says it regressed.
     *
     * @param comparisons the comparison's rows by scenario name; a scenario without rows gets no such test cases
     */
    public static void write(SuiteResult suite, Map<String, List<ComparisonRow>> comparisons, Path out)
            throws IOException {
        writeFile(out, render(suite, comparisons));
    }

    public static String render(SuiteResult suite) {
        return render(Subject.of(suite), Map.of());
    }

    public static String render(SuiteResult suite, Map<String, List<ComparisonRow>> comparisons) {
        return render(Subject.of(suite), comparisons);
    }

    public static String render(RunResult run) {
        return render(Subject.of(run), Map.of());
    }

    static String render(Subject subject, Map<String, List<ComparisonRow>> comparisons) {
        Objects.requireNonNull(comparisons, "comparisons");
        StringWriter text = new StringWriter();
        try {
            write(subject, comparisons, text);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static void write(Subject subject, Map<String, List<ComparisonRow>> comparisons, Writer out)
            throws XMLStreamException {
        long rows = 0;
        long regressions = 0;
        for (ScenarioResult scenario : subject.scenarios()) {
            List<ComparisonRow> compared = comparisons.getOrDefault(scenario.name(), List.of());
            rows += compared.size();
            regressions += compared.stream().filter(ComparisonRow::regressed).count();
        }
        XMLStreamWriter xml = XML.createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuites");
        xml.writeAttribute("name", "pacer " + subject.kind() + ": " + clean(subject.name()));
        xml.writeAttribute("tests", Long.toString(subject.scenarios().size() + subject.gateCount() + rows));
        xml.writeAttribute("failures", Long.toString(subject.failedGates() + regressions));
        xml.writeAttribute("errors", Long.toString(subject.scenariosNotRun()));
        xml.writeAttribute(
                "time",
                seconds(
                        subject.startedAt() == null || subject.finishedAt() == null
                                ? 0
                                : Duration.between(subject.startedAt(), subject.finishedAt())
                                        .toMillis()));
        for (ScenarioResult scenario : subject.scenarios()) {
            xml.writeCharacters("\n  ");
            testsuite(xml, subject, scenario, comparisons.getOrDefault(scenario.name(), List.of()));
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.close();
    }

    private static void testsuite(
            XMLStreamWriter xml, Subject subject, ScenarioResult scenario, List<ComparisonRow> compared)
            throws XMLStreamException {
        RunResult run = scenario.run();
        long failures = scenario.gates().stream().filter(g -> !g.passed()).count()
                + compared.stream().filter(ComparisonRow::regressed).count();
        String time = seconds(run == null ? 0 : elapsedMillis(run));
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(scenario.name()));
        xml.writeAttribute("tests", Integer.toString(1 + scenario.gates().size() + compared.size()));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", scenario.error() == null ? "0" : "1");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", time);
        if (run != null && run.environment().start() != null) {
            xml.writeAttribute("timestamp", run.environment().start().toString());
            xml.writeAttribute("hostname", clean(run.environment().hostname()));
        }
        xml.writeCharacters("\n    ");
        xml.writeStartElement("properties");
        property(xml, "driver", scenario.driver());
        if (run != null) {
            property(xml, "throughput.per.second", Format.number(run.rates().operationsPerSecond()));
            property(xml, "latency.p50.ms", Format.millis(run.latency().p50() / 1000.0));
            property(xml, "latency.p99.ms", Format.millis(run.latency().p99() / 1000.0));
            property(xml, "operations", Long.toString(run.counts().operations()));
            property(xml, "failed", Long.toString(run.counts().failed()));
        }
        if (scenario.capacity() != null) {
            property(
                    xml,
                    "capacity.per.second",
                    Format.number(scenario.capacity().capacityPerSecond()));
            property(xml, "capacity.limited.by", scenario.capacity().limitedBy());
        }
        xml.writeEndElement();
        String classname = clean(subject.name()) + "." + clean(scenario.name());
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", RUN_CASE);
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("time", time);
        if (scenario.error() != null) {
            xml.writeStartElement("error");
            xml.writeAttribute("type", "scenario could not run");
            xml.writeAttribute("message", clean(scenario.error()));
            xml.writeCharacters(clean(scenario.error()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        for (GateResult gate : scenario.gates()) {
            xml.writeCharacters("\n    ");
            testcase(xml, classname, gate);
        }
        for (ComparisonRow row : compared) {
            xml.writeCharacters("\n    ");
            testcase(xml, classname, row);
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void testcase(XMLStreamWriter xml, String classname, GateResult gate) throws XMLStreamException {
        String name = gate.label() == null ? gate.gate() : gate.gate() + " [" + gate.label() + "]";
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", clean(name));
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("time", "0");
        if (!gate.passed()) {
            String measured = gate.measured() == null ? "not measured" : Format.inUnit(gate.measured(), gate.unit());
            String bound = RunSections.bound(gate);
            xml.writeStartElement("failure");
            xml.writeAttribute("type", "gate");
            xml.writeAttribute("message", clean(gate.gate() + ": measured " + measured + ", bound " + bound));
            xml.writeCharacters(clean("gate: " + gate.gate() + "\nmetric: " + gate.metric() + "\nlabel: "
                    + (gate.label() == null ? "all operations" : gate.label()) + "\nmeasured: " + measured
                    + "\nbound: " + bound + "\n"));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void testcase(XMLStreamWriter xml, String classname, ComparisonRow row) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", clean("compare " + row.metric()));
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("time", "0");
        if (row.regressed()) {
            String change = Format.inUnit(row.before(), row.unit()) + " → " + Format.inUnit(row.after(), row.unit())
                    + (row.changePercent() == null ? "" : " (" + Format.change(row.changePercent()) + ")");
            xml.writeStartElement("failure");
            xml.writeAttribute("type", "regression");
            xml.writeAttribute("message", clean(row.metric() + " regressed: " + change));
            xml.writeCharacters(clean("metric: " + row.metric() + "\nbefore: " + Format.inUnit(row.before(), row.unit())
                    + "\nafter: " + Format.inUnit(row.after(), row.unit()) + "\nverdict: " + row.verdict()
                    + (row.note().isEmpty() ? "" : "\nhow: " + row.note()) + "\n"));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", clean(value));
    }

    private static long elapsedMillis(RunResult run) {
        if (run.environment().start() != null && run.environment().end() != null) {
            return Duration.between(run.environment().start(), run.environment().end())
                    .toMillis();
        }
        return run.rates().measuredMillis();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, millis) / 1000.0);
    }

    /** XML 1.0 cannot carry most control characters at all, escaped or not: they become U+FFFD. */
    static String clean(String value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || c >= 0xE000;
            boolean surrogate = Character.isSurrogate(c);
            if (surrogate) {
                allowed = Character.isHighSurrogate(c)
                        ? i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                        : i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
            }
            if ((!allowed || c == 0xFFFE || c == 0xFFFF) && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.append(allowed && c != 0xFFFE && c != 0xFFFF ? c : '\uFFFD');
            }
        }
        return out == null ? value : out.toString();
    }

    private static void writeFile(Path out, String xml) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, xml, StandardCharsets.UTF_8);
    }
}
