package org.onekeylogin.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void whenTheServiceWritesCommentsAndEventsThenEachIsReadAsSent() throws Exception {
        String wire = ":connected\n\nid:7\nevent:signed_out\ndata:{\"session_id\":\"s1\"}\n\n:heartbeat\n\n"
                + "id: 8\nevent: notice\ndata: {\"a\":1,\ndata: \"b\":2}\n\n";
        List<String> seen = new ArrayList<>();
        new SseReader(new BufferedReader(new StringReader(wire))).readAll(new SseReader.Sink() {
            @Override
            public void comment(String text) {
                seen.add("comment " + text);
            }

            @Override
            public void event(String id, String type, String data) {
                seen.add(id + " " + type + " " + data);
            }
        });
        assertThat(seen).containsExactly("comment connected", "7 signed_out {\"session_id\":\"s1\"}",
                "comment heartbeat", "8 notice {\"a\":1,\n\"b\":2}");
    }

    @Test
    void whenTheStreamEndsInsideAnEventThenTheUnfinishedEventIsDropped() throws Exception {
        List<String> seen = new ArrayList<>();
        new SseReader(new BufferedReader(new StringReader("id:1\nevent:x\ndata:{}"))).readAll(new SseReader.Sink() {
            @Override
            public void comment(String text) {
            }

            @Override
            public void event(String id, String type, String data) {
                seen.add(id);
            }
        });
        assertThat(seen).isEmpty();
    }

}
