package io.pacer.verdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.RunResult;
import io.pacer.testing.JUnitXml;
import io.pacer.verdict.SuiteResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The JUnit XML report against the schema CI servers read, then read back as a CI server would. */
class JUnitReportTest {

    private static final RunResult RUN = SyntheticRuns.run(60, 100, 7);

    @Test
    void aSuiteReportIsValidAndCarriesEveryGateFailureAndError() throws Exception {
        SuiteResult suite = Suites.mixed(RUN, RUN, Suites.capacity());
        String xml = JUnitReport.render(suite);

        validate(xml);
        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        // 4 "run" cases + 2 + 1 + 0 + 1 gates; one failed gate; one scenario that could not run.
        assertThat(root.getAttribute("tests")).isEqualTo("8");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");

        List<Element> suites = children(root, "testsuite");
        assertThat(suites)
                .extracting(s -> s.getAttribute("name"))
                .containsExactly("baseline", "stress", "kafka-down", Suites.HOSTILE);
        for (Element s : suites) {
            // Every suite's counts agree with its own test cases, as CI servers recount them.
            List<Element> cases = children(s, "testcase");
            assertThat(s.getAttribute("tests")).isEqualTo(Integer.toString(cases.size()));
            assertThat(s.getAttribute("failures"))
                    .isEqualTo(Long.toString(cases.stream()
                            .filter(c -> !children(c, "failure").isEmpty())
                            .count()));
            assertThat(s.getAttribute("errors"))
                    .isEqualTo(Long.toString(cases.stream()
                            .filter(c -> !children(c, "error").isEmpty())
                            .count()));
            assertThat(cases.get(0).getAttribute("name")).isEqualTo(JUnitReport.RUN_CASE);
        }

        Element stressGate = children(suites.get(1), "testcase").get(1);
        assertThat(stressGate.getAttribute("name")).isEqualTo("p99<20ms");
        Element failure = children(stressGate, "failure").get(0);
        String measured = Format.inUnit(RUN.latency().p99() / 1000.0, "ms");
        assertThat(failure.getAttribute("message")).isEqualTo("p99<20ms: measured " + measured + ", bound < 20 ms");
        assertThat(failure.getTextContent()).contains("measured: " + measured, "bound: < 20 ms");

        Element error =
                children(children(suites.get(2), "testcase").get(0), "error").get(0);
        assertThat(error.getAttribute("message")).isEqualTo("cannot reach 127.0.0.1:1: Connection refused");
        assertThat(children(suites.get(0), "testcase"))
                .extracting(c -> c.getAttribute("name"))
                .containsExactly("run", "p95<500ms", "errors<1%");
        assertThat(children(suites.get(3), "testcase").get(1).getAttribute("name"))
                .isEqualTo("p99<1s [" + Suites.HOSTILE + "]");
    }

    @Test
    void aSingleRunIsOneSuiteWithTheGatesEveryRunMustMeet() throws Exception {
        String xml = JUnitReport.render(RUN);

        validate(xml);
        Element root = parse(xml).getDocumentElement();
        List<Element> suites = children(root, "testsuite");
        assertThat(suites).hasSize(1);
        List<Element> cases = children(suites.get(0), "testcase");
        // The synthetic run failed a few operations and follows no records: "failed = 0" fails; lost/duplicated
        // do not apply and are left out.
        assertThat(cases).extracting(c -> c.getAttribute("name")).containsExactly("run", "failed = 0");
        assertThat(RUN.counts().failed()).isPositive();
        assertThat(children(cases.get(1), "failure").get(0).getAttribute("message"))
                .isEqualTo("failed = 0: measured " + RUN.counts().failed() + " operations, bound = 0 operations");
    }

    @Test
    void comparedMetricsAreTestCasesThatFailWhenTheyRegressed() throws Exception {
        SuiteResult suite = Suites.mixed(RUN, RUN, Suites.capacity());
        Map<String, List<ComparisonRow>> rows = Map.of(
                "baseline",
                List.of(
                        new ComparisonRow("throughput", 1000, 990, "/s", -1.0, "unchanged", "U test, p = 0.4"),
                        new ComparisonRow("p99", 2.9, 3.4, "ms", 17.24, "regressed", "bootstrap CI [+11 %, +23 %]")));

        String xml = JUnitReport.render(suite, rows);

        validate(xml);
        Element root = parse(xml).getDocumentElement();
        assertThat(root.getAttribute("tests")).isEqualTo("10");
        assertThat(root.getAttribute("failures")).isEqualTo("2");
        Element baseline = children(root, "testsuite").get(0);
        assertThat(baseline.getAttribute("tests")).isEqualTo("5");
        assertThat(baseline.getAttribute("failures")).isEqualTo("1");
        List<Element> cases = children(baseline, "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("name")).endsWith("compare throughput", "compare p99");
        assertThat(children(cases.get(3), "failure")).isEmpty();
        Element failure = children(cases.get(4), "failure").get(0);
        assertThat(failure.getAttribute("message")).isEqualTo("p99 regressed: 2.9 ms → 3.4 ms (+17.2 %)");
        assertThat(failure.getTextContent()).contains("how: bootstrap CI [+11 %, +23 %]");
    }

    @Test
    void charactersXmlCannotCarryAreReplacedNotWritten() throws Exception {
        String nasty = "a\u0000b\u001bc]]>d\uD800e";
        SuiteResult suite = new SuiteResult(
                SuiteResult.SCHEMA,
                nasty,
                null,
                null,
                List.of(new io.pacer.verdict.ScenarioResult(nasty, "http", null, List.of(), null, nasty)));

        String xml = JUnitReport.render(suite);

        validate(xml);
        Element error = (Element) parse(xml).getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("a\uFFFDb\uFFFDc]]>d\uFFFDe");
    }

    private static void validate(String xml) throws Exception {
        JUnitXml.validate(xml);
    }

    private static Document parse(String xml) throws Exception {
        return JUnitXml.parse(xml);
    }

    private static List<Element> children(Element parent, String tag) {
        return JUnitXml.children(parent, tag);
    }
}
