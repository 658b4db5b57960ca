package io.pacer.monitor.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusNamesTest {

    @ParameterizedTest(name = "{0} -> {1} x{2}")
    @CsvSource({
        "host.cpu.usage,            host_cpu_usage,              1",
        "host.memory.used.bytes,    host_memory_used_bytes,      1",
        "jvm.gc.pause.ms,           jvm_gc_pause_seconds,        0.001",
        "http.latency.micros,       http_latency_seconds,        0.000001",
        "jvm.uptime.minutes,        jvm_uptime_seconds,          60",
        "redis.memory.used.kb,      redis_memory_used_bytes,     1024",
        "http.requests.count,       http_requests_count_value,   1",
        "kafka.records.total,       kafka_records_total_value,   1",
        "pg.stat.checkpoint_sum,    pg_stat_checkpoint_sum_value, 1",
        "host.load.1m,              host_load_1m,                1",
    })
    void namesPassPrometheusLint(String series, String name, double scale) {
        PrometheusNames prom = PrometheusNames.of(series);
        assertThat(prom.name()).isEqualTo(name);
        assertThat(prom.scale()).isEqualTo(scale);
        assertThat(prom.note().isEmpty()).isEqualTo(scale == 1 && !name.endsWith("_value"));
    }

    @ParameterizedTest
    @CsvSource({"core, core", "1st, l_1st", "__name, l___name", "a-b, a_b"})
    void labelNames(String key, String label) {
        assertThat(PrometheusNames.label(key)).isEqualTo(label);
    }
}
