package io.pacer.load.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureTimelineTest {

    @TempDir
    Path dir;

    @Test
    void offsetsCountFromTheFirstRecordAndNeverRunBackwards() throws IOException {
        Path capture = Files.writeString(
                dir.resolve("t.csv"), "ts,key,value\n1000,a,1\n1005,b,2\n1003,c,3\n999,d,4\n1010,e,5\n1010,f,6\n");

        try (CaptureReader reader = Captures.open(capture, false)) {
            CaptureTimeline timeline = new CaptureTimeline(reader);
            List<String> steps = new ArrayList<>();
            for (long offset; (offset = timeline.next()) != Timeline.END; ) {
                steps.add(new String(timeline.current().key()) + "@" + offset / 1_000_000 + "ms");
            }

            assertThat(steps).containsExactly("a@0ms", "b@5ms", "c@5ms", "d@5ms", "e@10ms", "f@10ms");
            assertThat(timeline.outOfOrder()).isEqualTo(2);
            assertThat(timeline.current()).isNull();
            assertThat(timeline.next()).isEqualTo(Timeline.END);
        }
    }

    @Test
    void offsetsAreInNanosecondsOverLongSpans() throws IOException {
        Path capture = Files.writeString(
                dir.resolve("t.jsonl"),
                "{\"ts\":\"2024-01-01T00:00:00Z\",\"value\":\"\"}\n{\"ts\":\"2024-01-02T00:00:00.001Z\",\"value\":\"\"}\n");

        try (CaptureReader reader = Captures.open(capture, false)) {
            CaptureTimeline timeline = new CaptureTimeline(reader);
            assertThat(timeline.next()).isZero();
            assertThat(timeline.next()).isEqualTo(86_400_001L * 1_000_000);
        }
    }
}
