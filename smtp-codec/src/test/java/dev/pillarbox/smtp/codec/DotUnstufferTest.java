package dev.pillarbox.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The body state machine, one input per row: output, stops and final state (escapes: \r \n \0). After a
 * BARE_* stop the runner keeps scanning, as the decoder does while it drains a rejected body.
 */
class DotUnstufferTest {

    /** Runs one whole input through the machine; returns "output|stops|final state". */
    private static String run(String input, boolean lenient, long maxLine) {
        byte[] bytes = unescape(input).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        DotUnstuffer machine = new DotUnstuffer(lenient, maxLine);
        StringBuilder out = new StringBuilder();
        StringBuilder stops = new StringBuilder();
        int at = 0;
        while (true) {
            DotUnstuffer.Stop stop = machine.scan(in, at, bytes.length);
            out.append(new String(bytes, at, machine.runEnd() - at, StandardCharsets.ISO_8859_1));
            if (stop == DotUnstuffer.Stop.CARRIED_CR) {
                out.append('\r');
            }
            at = machine.resume();
            if (stop != DotUnstuffer.Stop.STUFFED_DOT) {
                stops.append(stops.length() == 0 ? "" : " ").append(stop);
            }
            if (stop == DotUnstuffer.Stop.NEED_INPUT || stop == DotUnstuffer.Stop.END) {
                break;
            }
        }
        return escape(out.toString()) + "|" + stops + "|" + machine.state();
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\0", "\u0000");
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    }

    @ParameterizedTest(name = "strict {0}")
    @CsvSource(delimiter = ';', value = {
        // input                ; output          ; stops                    ; state
        "abc\\r\\n.\\r\\n       ; abc\\r\\n       ; END                      ; DONE",
        ".\\r\\n                ; ''              ; END                      ; DONE",
        "..\\r\\n.\\r\\n        ; .\\r\\n         ; END                      ; DONE",
        ".x\\r\\n               ; x\\r\\n         ; NEED_INPUT               ; LINE_START",
        "a\\r\\n.               ; a\\r\\n         ; NEED_INPUT               ; DOT",
        "a\\r\\n.\\r            ; a\\r\\n         ; NEED_INPUT               ; DOT_CR",
        "a\\r                   ; a               ; NEED_INPUT               ; CR",
        "a.b                    ; a.b             ; NEED_INPUT               ; IN_LINE",
        "a\\n.\\n               ; a.              ; BARE_LF BARE_LF NEED_INPUT ; IN_LINE",
        "a\\r.\\r               ; a.              ; BARE_CR NEED_INPUT       ; CR",
        "a\\r\\n.\\n            ; a\\r\\n         ; BARE_LF NEED_INPUT       ; IN_LINE",
        "a\\r\\n.\\rx           ; a\\r\\nx        ; BARE_CR NEED_INPUT       ; IN_LINE",
        "a\\r\\n.\\0\\r\\n      ; a\\r\\n\\0\\r\\n ; NEED_INPUT              ; LINE_START",
        "\\r\\r\\n.\\r\\n       ; \\r\\n           ; BARE_CR END              ; DONE",
    })
    void strictTable(String input, String output, String stops, String state) {
        assertThat(run(input.strip(), false, Long.MAX_VALUE)).isEqualTo(output.strip() + "|" + stops.strip() + "|" + state.strip());
    }

    @ParameterizedTest(name = "lenient {0}")
    @CsvSource(delimiter = ';', value = {
        "a\\n.\\n               ; a\\n.\\n        ; NEED_INPUT               ; IN_LINE",
        "a\\r.\\r               ; a\\r.           ; NEED_INPUT               ; CR",
        "a\\r\\n.\\n            ; a\\r\\n\\n      ; NEED_INPUT               ; IN_LINE",
        "a\\r\\n.\\rx\\r\\n.\\r\\n ; a\\r\\n\\rx\\r\\n ; END                  ; DONE",
        "\\r\\r\\n.\\r\\n       ; \\r\\r\\n       ; END                      ; DONE",
        "\\n.\\r\\n.\\r\\n      ; \\n.\\r\\n      ; END                      ; DONE",
    })
    void lenientTable(String input, String output, String stops, String state) {
        assertThat(run(input.strip(), true, Long.MAX_VALUE)).isEqualTo(output.strip() + "|" + stops.strip() + "|" + state.strip());
    }

    @ParameterizedTest(name = "line limit {0}")
    @CsvSource(delimiter = ';', value = {
        "1234\\r\\n.\\r\\n      ; 1234\\r\\n      ; END                      ; DONE",
        "12345\\r\\n.\\r\\n     ; 1234            ; LINE_TOO_LONG END        ; DONE",
        "..234\\r\\n.\\r\\n     ; .234\\r\\n      ; END                      ; DONE",
        "1234\\r\\n12345\\r\\n1 ; 1234\\r\\n12345\\r\\n1 ; LINE_TOO_LONG NEED_INPUT ; IN_LINE",
    })
    void lineLimitTable(String input, String output, String stops, String state) {
        String result = run(input.strip(), false, 4);
        String[] parts = result.split("\\|");
        // after LINE_TOO_LONG the machine keeps scanning (the decoder drains); only the stops and state matter
        assertThat(parts[1] + "|" + parts[2]).isEqualTo(stops.strip() + "|" + state.strip());
        if (!stops.contains("LINE_TOO_LONG")) {
            assertThat(parts[0]).isEqualTo(output.strip());
        }
    }
}
