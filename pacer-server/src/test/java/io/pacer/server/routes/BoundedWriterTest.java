package io.pacer.server.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.server.http.ApiException;
import org.junit.jupiter.api.Test;

/** An export stops at its bound with a 400 saying how to ask for less, and keeps what fitted. */
class BoundedWriterTest {

    @Test
    void writesUpToTheBoundThenRefuses() throws Exception {
        BoundedWriter out = new BoundedWriter(3 * 1024 * 1024);
        out.write("x".repeat(3 * 1024 * 1024));
        assertThat(out.toString()).hasSize(3 * 1024 * 1024);

        assertThatThrownBy(() -> out.write("y"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("would exceed 3 MiB")
                .hasMessageContaining("fewer hours or a coarser resolution");
        assertThat(out.toString()).hasSize(3 * 1024 * 1024);
    }
}
