package dev.pillarbox.smtp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.PluginService;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.testing.RecordingMessageStore;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Plugin services start before the server listens and stop after its last session; a failed start stops it. */
class PluginServiceTest {

    /** Records what happens to it, and whether the server listened when it started. */
    static final class Recorder implements PluginService {
        final String name;
        final List<String> events;
        final boolean failStart;
        SmtpServer server;

        Recorder(String name, List<String> events, boolean failStart) {
            this.name = name;
            this.events = events;
            this.failStart = failStart;
        }

        @Override
        public void start() throws IOException {
            if (failStart) {
                events.add(name + " failed");
                throw new IOException(name + " cannot start: spool not writable");
            }
            events.add(name + " started, listening " + (server != null && server.isListening()));
        }

        @Override
        public void close() {
            events.add(name + " closed, open connections " + (server == null ? "?" : server.openConnections()));
        }
    }

    private static SmtpServer server(Recorder... services) {
        SmtpServer server = SmtpServer.create(ServerSettings.defaults(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(MessageStore.class).toInstance(new RecordingMessageStore());
                for (Recorder r : services) {
                    SmtpBinder.service(binder()).toInstance(r);
                }
            }
        });
        for (Recorder r : services) {
            r.server = server;
        }
        return server;
    }

    @Test
    void services_start_before_listening_and_close_after_the_sessions_last_first() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Recorder a = new Recorder("a", events, false);
        Recorder b = new Recorder("b", events, false);
        SmtpServer server = server(a, b);
        server.start();
        try (Socket s = new Socket()) {
            s.connect(server.boundAddresses().get(0));
        }
        server.close();
        assertEquals(4, events.size(), events.toString());
        assertTrue(events.get(0).endsWith("started, listening false"), events.toString());
        assertTrue(events.get(1).endsWith("started, listening false"), events.toString());
        String first = events.get(0).substring(0, 1);
        String second = events.get(1).substring(0, 1);
        assertEquals(List.of(second + " closed, open connections 0", first + " closed, open connections 0"),
                events.subList(2, 4));
    }

    @Test
    void a_service_that_cannot_start_stops_the_start_and_the_started_ones_are_closed() {
        List<String> events = new CopyOnWriteArrayList<>();
        Recorder good = new Recorder("good", events, false);
        Recorder bad = new Recorder("bad", events, true);
        SmtpServer server = server(good, bad);
        IOException e = assertThrows(IOException.class, server::start);
        assertEquals("bad cannot start: spool not writable", e.getMessage());
        assertTrue(!server.isListening());
        if (events.get(0).startsWith("good")) {
            assertEquals(List.of("good started, listening false", "bad failed", "good closed, open connections 0"),
                    events);
        } else {
            assertEquals(List.of("bad failed"), events); // the set's order put the failing one first
        }
    }
}
