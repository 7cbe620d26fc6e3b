package org.tao4j.sdk.dendrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    static FrameReader reader(String s, int maxLine) {
        return new FrameReader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), maxLine);
    }

    @Test
    void readsFramesByteExactly() throws IOException {
        FrameReader r = reader("event: chunk\ndata: {\"t\":\"é\\n\"}\n\nevent: end\ndata: {}\n\n", 1024);
        FrameReader.Frame f = r.next();
        assertThat(f.event()).isEqualTo("chunk");
        assertThat(new String(f.data(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":\"é\\n\"}");
        assertThat(r.next().event()).isEqualTo("end");
        assertThat(r.next()).isNull();
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {
            "event: chunk\ndata: {}\nX\n", // no blank line
            "event: chunk\ndata {}\n\n", // no "data: "
            "evnt: chunk\ndata: {}\n\n", // no "event: "
            "event: chunk\ndata: {}", // cut inside a frame
            "event: chunk\r\ndata: {}\r\n\r\n"
        }) { // CRLF is not the framing
            assertThatThrownBy(() -> {
                        FrameReader r = reader(bad, 1024);
                        r.next();
                        r.next();
                    })
                    .as(bad.replace("\n", "\\n"))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void boundsLineLength() {
        assertThatThrownBy(() -> reader("event: chunk\ndata: " + "x".repeat(100) + "\n\n", 50)
                        .next())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("exceeds");
    }
}
