package io.pacer.load.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturesTest {

    private static final String FIX = " (fix the line or pass --skip-bad-lines to skip and count such lines)";

    @TempDir
    Path dir;

    @Test
    void readsJsonLinesWithEveryFieldFormAndIgnoresBlankLinesAndUnknownFields() throws IOException {
        Path capture = write(
                "capture.jsonl",
                String.join(
                        "\n",
                        "{\"ts\":1700000000000,\"key\":\"k1\",\"value\":\"hello \\\"world\\\" é\"}",
                        "",
                        "{\"ts\":\"2023-11-14T22:13:20.250Z\",\"key\":null,\"value\":\"v2\",\"partition\":3,\"meta\":{\"x\":[1,2]}}\r",
                        "{\"value_b64\":\"" + Base64.getEncoder().encodeToString(new byte[] {0, (byte) 0xff, 10})
                                + "\",\"ts\":5}",
                        "{\"ts\":\"2023-11-15T00:13:20+02:00\",\"value\":\"\",\"headers\":{\"trace\":\"t-1\",\"src\":\"a\"}}"));

        List<String> read = readAll(capture, false);

        assertThat(read)
                .containsExactly(
                        "line 1 ts=1700000000000 key=k1 value=hello \"world\" é headers={}",
                        "line 3 ts=1700000000250 key=null value=v2 headers={}",
                        "line 4 ts=5 key=null value=[0, -1, 10] headers={}",
                        "line 5 ts=1700000000000 key=null value= headers={trace=t-1, src=a}");
    }

    @Test
    void aStringReadsTheSameWithOrWithoutEscapes() throws IOException {
        Path capture = write(
                "escapes.jsonl",
                "{\"ts\":1,\"key\":\"café\",\"value\":\"\\\"café\\\"\"}\n"
                        + "{\"ts\":2,\"key\":\"caf\\u00e9\",\"value\":\"\\u0022caf\\u00e9\\u0022\"}\n");

        assertThat(readAll(capture, false))
                .containsExactly(
                        "line 1 ts=1 key=café value=\"café\" headers={}",
                        "line 2 ts=2 key=café value=\"café\" headers={}");
    }

    @Test
    void readsCsvWithQuotingAcrossLinesAndTellsANullKeyFromAnEmptyOne() throws IOException {
        Path capture = write(
                "capture.csv",
                "\uFEFFts,key,value\r\n"
                        + "1000,k1,plain\r\n"
                        + "1001,,\"with, comma and \"\"quotes\"\"\"\n"
                        + "2023-11-14T22:13:20Z,\"\",\"two\n"
                        + "lines\"\n"
                        + "1003,k4,\n");

        List<String> read = readAll(capture, false);

        assertThat(read)
                .containsExactly(
                        "line 2 ts=1000 key=k1 value=plain headers={}",
                        "line 3 ts=1001 key=null value=with, comma and \"quotes\" headers={}",
                        "line 4 ts=1700000000000 key= value=two\nlines headers={}",
                        "line 6 ts=1003 key=k4 value= headers={}");
    }

    @Test
    void recognisesGzipByItsMagicBytesAndTheFormatByTheFirstLine() throws IOException {
        Path json = dir.resolve("capture.data");
        Path csv = dir.resolve("other.bin");
        gzip(json, "{\"ts\":1,\"value\":\"a\"}\n{\"ts\":2,\"value\":\"b\"}\n");
        gzip(csv, "ts,key,value\n3,k,c\n");

        assertThat(readAll(json, false))
                .containsExactly("line 1 ts=1 key=null value=a headers={}", "line 2 ts=2 key=null value=b headers={}");
        assertThat(readAll(csv, false)).containsExactly("line 2 ts=3 key=k value=c headers={}");
        assertThat(readAll(write("empty.jsonl", "\n\n"), false)).isEmpty();
    }

    @Test
    void aTruncatedGzipFileFailsWithItsNameAndTheLastLineRead() throws IOException {
        Path whole = dir.resolve("whole.jsonl.gz");
        gzip(whole, "{\"ts\":1,\"value\":\"a\"}\n".repeat(1000));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(bytes, bytes.length - 20));

        try (CaptureReader reader = Captures.open(cut, false)) {
            assertThatThrownBy(() -> readAll(reader))
                    .isInstanceOf(CaptureFormatException.class)
                    .hasMessageMatching("cut\\.jsonl\\.gz line \\d+: cannot be read past this line: Unexpected end of"
                            + " ZLIB input stream \\(the capture is cut short or damaged; .*\\)");
        }
    }

    @Test
    void aBadLineStopsTheReaderWithOneLineNamingFileLineProblemAndFix() throws IOException {
        Path capture = write("capture.jsonl", "{\"ts\":1,\"value\":\"a\"}\n{\"ts\":2,\"value\":\"b\"}\n{\"ts\":\n");

        try (CaptureReader reader = Captures.open(capture, false)) {
            reader.next();
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureFormatException.class, e -> {
                assertThat(e.getMessage())
                        .isEqualTo("capture.jsonl line 3: expected a JSON object with \"ts\" and \"value\","
                                + " got `{\"ts\":`" + FIX);
                assertThat(e.lineNumber()).isEqualTo(3);
            });
        }
    }

    @Test
    void eachKindOfBadLineIsNamedAndLongLinesAreCutInTheMessage() throws IOException {
        assertThat(firstError("a.jsonl", "{\"value\":\"" + "v".repeat(100) + "\"}"))
                .isEqualTo(
                        "a.jsonl line 1: expected a JSON object with \"ts\" and \"value\", got `{\"value\":\"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvv`…"
                                + FIX);
        assertThat(firstError("a.jsonl", "{\"ts\":1.5,\"value\":\"x\"}"))
                .startsWith("a.jsonl line 1: \"ts\" must be epoch"
                        + " milliseconds or an ISO-8601 time with offset such as 2024-05-01T12:00:00.250Z, got `");
        assertThat(firstError("a.jsonl", "{\"ts\":\"2024-05-01T12:00:00\",\"value\":\"x\"}"))
                .contains("\"ts\" must be epoch");
        assertThat(firstError("a.jsonl", "{\"ts\":1,\"value\":7}")).contains(": \"value\" must be a string, got");
        assertThat(firstError("a.jsonl", "{\"ts\":1,\"value_b64\":\"%%%\"}"))
                .contains(": \"value_b64\" must be valid base64, got");
        assertThat(firstError("a.jsonl", "{\"ts\":1,\"value\":\"x\",\"headers\":{\"h\":1}}"))
                .contains("\"headers\" must be an object of string values");
        assertThat(firstError("a.jsonl", "{\"ts\":1,\"value\":\"x\"} {}")).contains("expected a JSON object with");
        assertThat(firstError("a.jsonl", "{\"ts\":1,\"value\":\"a\u0001b\"}")).contains("expected a JSON object with");
        assertThat(firstError("a.jsonl", "\t[1]"))
                .isEqualTo("a.jsonl line 1: expected a JSON object with \"ts\" and \"value\", got `\\u0009[1]`" + FIX);
        assertThat(firstError("b.csv", "ts,key,value\n1,k"))
                .isEqualTo("b.csv line 2: expected 3 fields ts,key,value, got `1,k`" + FIX);
        assertThat(firstError("b.csv", "ts,key,value\n1,k,v,w"))
                .contains("expected 3 fields ts,key,value (quote a field that contains a comma)");
        assertThat(firstError("b.csv", "ts,key,value\n1,k\"x,v")).contains("a quote inside an unquoted field");
        assertThat(firstError("b.csv", "ts,key,value\n1,\"k\"x,v")).contains("a closing quote must end its field");
        assertThat(firstError("b.csv", "ts,key,value\n1,k,\"open\nmore"))
                .isEqualTo("b.csv line 2: a quoted field is not closed before the end of the file, got `more`" + FIX);
        assertThat(firstError("b.csv", "ts,key,value\nyesterday,k,v")).contains("\"ts\" must be epoch milliseconds");
    }

    @Test
    void aCsvCaptureWithoutItsHeaderOrAFileOfNeitherFormatIsRefusedAtOpen() throws IOException {
        Path noHeader = write("c.csv", "1,k,v\n");
        assertThatThrownBy(() -> Captures.open(noHeader, true))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("c.csv line 1: expected the CSV header line ts,key,value, got `1,k,v` (add the header line"
                        + " ts,key,value as the first line)");
        Path neither = write("c.txt", "\nhello\n");
        assertThatThrownBy(() -> Captures.open(neither, true))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessage("c.txt line 2: expected a JSON object or the CSV header line ts,key,value, got `hello`"
                        + " (name the file .jsonl or .csv, or fix its first line)");
    }

    @Test
    void withSkipBadLinesBadLinesAreCountedAndReadingGoesOn() throws IOException {
        Path json = write(
                "capture.jsonl", "{\"ts\":1,\"value\":\"a\"}\nnot json\n{\"ts\":2}\n{\"ts\":3,\"value\":\"c\"}\n");
        Path csv = write("capture.csv", "ts,key,value\n1,k,a\n2,k\n3,k,c\n");

        try (CaptureReader reader = Captures.open(json, true)) {
            assertThat(readAll(reader))
                    .containsExactly(
                            "line 1 ts=1 key=null value=a headers={}", "line 4 ts=3 key=null value=c headers={}");
            assertThat(reader.skipped()).isEqualTo(2);
        }
        try (CaptureReader reader = Captures.open(csv, true)) {
            assertThat(readAll(reader))
                    .containsExactly("line 2 ts=1 key=k value=a headers={}", "line 4 ts=3 key=k value=c headers={}");
            assertThat(reader.skipped()).isEqualTo(1);
        }
    }

    private String firstError(String name, String content) throws IOException {
        try (CaptureReader reader = Captures.open(write(name, content), false)) {
            Throwable thrown = catchThrowable(() -> readAll(reader));
            assertThat(thrown).isInstanceOf(CaptureFormatException.class);
            return thrown.getMessage();
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void gzip(Path file, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    static List<String> readAll(Path capture, boolean skipBadLines) throws IOException {
        try (CaptureReader reader = Captures.open(capture, skipBadLines)) {
            return readAll(reader);
        }
    }

    static List<String> readAll(CaptureReader reader) {
        List<String> out = new ArrayList<>();
        for (CaptureRecord r; (r = reader.next()) != null; ) {
            Map<String, String> headers = new LinkedHashMap<>();
            r.headers().forEach((k, v) -> headers.put(k, new String(v, StandardCharsets.UTF_8)));
            String value = r.value().length > 0 && r.value()[0] == 0
                    ? Arrays.toString(r.value())
                    : new String(r.value(), StandardCharsets.UTF_8);
            out.add("line " + reader.lineNumber() + " ts=" + r.timestampMillis() + " key="
                    + (r.key() == null ? "null" : new String(r.key(), StandardCharsets.UTF_8)) + " value=" + value
                    + " headers=" + headers);
        }
        return out;
    }
}
