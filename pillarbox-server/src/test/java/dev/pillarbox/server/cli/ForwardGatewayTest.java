package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.server.config.ConfigException;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.server.config.ReferenceConfig;
import dev.pillarbox.smtp.testing.SmtpSink;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarding gateway in the reference server: configured under {@code plugins.forward} and picked with
 * {@code delivery.required: [forward]}; {@code queue list|show|hold|release|flush|delete} on the running server's
 * spool; an open relay refused at start-up.
 */
class ForwardGatewayTest {

    @TempDir
    Path dir;

    private Path config(String yaml) throws Exception {
        return Files.writeString(dir.resolve("pillarbox.yaml"), "delivery:\n  required: [forward]\n"
                + "plugins:\n  forward:\n    spool: " + dir.resolve("spool") + "\n" + yaml);
    }

    private ReferenceConfig load(Path file) throws Exception {
        return ConfigLoader.load(Optional.of(file), Map.of(), List.of(
                new ConfigOverride("listeners", List.of("127.0.0.1:0"), "--listen"),
                new ConfigOverride("hostname", "mx.test", "--hostname")), "default.test");
    }

    @Test
    void the_queue_command_works_on_a_running_gateway() throws Exception {
        try (SmtpSink deferring = SmtpSink.start(dir, "-r", "RCPT")) {
            Path file = config("    retry-schedule: 1h\n    routes:\n      example.net: smtp://127.0.0.1:"
                    + deferring.port() + "\n");
            try (ReferenceServer server = ReferenceServer.start(load(file));
                    SmtpTestClient client = SmtpTestClient.inTransaction(server.boundAddresses().get(0))) {
                assertThat(client.data("Subject: queued\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
                String id = awaitDeferred(file);

                CommandRun show = CommandRun.run("queue", "--config", file.toString(), "show", id);
                assertThat(show.status()).as(show.toString()).isZero();
                assertThat(show.out()).contains("<" + SmtpTestClient.RECIPIENT + "> pending, attempts 1")
                        .contains("450 4.3.0");
                assertThat(CommandRun.run("queue", "--config", file.toString(), "hold", id).out())
                        .isEqualTo(id + ": held\n");
                assertThat(CommandRun.run("queue", "--spool", dir.resolve("spool").toString(), "list").out())
                        .contains(id).contains("(held)");
                assertThat(CommandRun.run("queue", "--config", file.toString(), "release", id).out())
                        .isEqualTo(id + ": released\n");
                assertThat(CommandRun.run("queue", "--config", file.toString(), "flush").status()).isZero();
                await(() -> CommandRun.run("queue", "--config", file.toString(), "show", id).out()
                        .contains("attempts 2"), "the flush did not make the gateway try again");
                assertThat(CommandRun.run("queue", "--config", file.toString(), "delete", id).out())
                        .isEqualTo(id + ": deleted\n");
                assertThat(CommandRun.run("queue", "--config", file.toString(), "list").out())
                        .isEqualTo("-- 0 messages in the queue\n");
                CommandRun gone = CommandRun.run("queue", "--config", file.toString(), "show", id);
                assertThat(gone.status()).isEqualTo(1);
                assertThat(gone.err()).contains(id + " is not in the queue");
            }
        }
    }

    @Test
    void usage_errors_name_what_is_wrong() throws Exception {
        Files.createDirectories(dir.resolve("spool").resolve("queue"));
        String spool = dir.resolve("spool").toString();
        CommandRun noId = CommandRun.run("queue", "--spool", spool, "show");
        assertThat(noId.status()).isEqualTo(2);
        assertThat(noId.err()).contains("queue show: needs a queue id");
        CommandRun badAction = CommandRun.run("queue", "--spool", spool, "purge");
        assertThat(badAction.status()).isEqualTo(2);
        assertThat(badAction.err()).contains("unknown action 'purge'");
        CommandRun badId = CommandRun.run("queue", "--spool", spool, "delete", "../../etc/passwd");
        assertThat(badId.status()).isEqualTo(2);
        assertThat(badId.err()).contains("is not a queue id");
        CommandRun noQueue = CommandRun.run("queue", "--spool", dir.resolve("nothing").toString(), "list");
        assertThat(noQueue.status()).isEqualTo(1);
        assertThat(noQueue.err()).contains("no queue there");
    }

    @Test
    void an_open_relay_is_refused_at_start_up() throws Exception {
        Path file = config("    relay-networks: [0.0.0.0/0]\n    routes:\n      default: smtp://127.0.0.1:2525\n");
        ReferenceConfig config = load(file);
        assertThatThrownBy(() -> ReferenceServer.start(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("plugins.forward.relay-networks: 0.0.0.0/0 with a default route"
                        + " (smtp://127.0.0.1:2525) lets every client send to any domain through this server: an"
                        + " open relay");
    }

    @Test
    void the_configuration_in_the_forwarding_guide_starts_a_gateway() throws Exception {
        // docs/forwarding.md's complete configuration, on a loopback port, with its paths moved into a temporary folder
        String guide = Files.readString(Path.of("..", "docs", "forwarding.md"));
        Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(guide);
        assertThat(block.find()).as("a yaml block in docs/forwarding.md").isTrue();
        Path passwordFile = Files.writeString(dir.resolve("smarthost.pw"), "secret\n");
        Path caFile = dev.pillarbox.smtp.testing.TestPki.get().writeCaPem(dir);
        String yaml = block.group(1)
                .replace("/var/spool/pillarbox", dir.resolve("spool").toString())
                .replace("/etc/pillarbox/smarthost.pw", passwordFile.toString())
                .replace("/etc/pillarbox/internal-ca.pem", caFile.toString());
        assertThat(yaml).contains("required: [forward]").contains(dir.resolve("spool").toString())
                .contains(passwordFile.toString()).contains(caFile.toString());
        Path file = Files.writeString(dir.resolve("guide.yaml"), yaml);
        try (ReferenceServer server = ReferenceServer.start(load(file));
                SmtpTestClient client = SmtpTestClient.greeted(server.boundAddresses().get(0))) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<a@client.test>");
            // loopback is in relay-networks, so the default route (the smarthost) would take any domain: a domain
            // outside accepted-domains is still refused by the reference server's own recipient check
            assertThat(client.command("RCPT TO:<someone@elsewhere.test>").code().value()).isEqualTo(550);
        }
        assertThat(dir.resolve("spool").resolve("queue")).isDirectory();
    }

    private String awaitDeferred(Path file) {
        Pattern line = Pattern.compile("^([0-9A-F]{16}) ", Pattern.MULTILINE);
        String[] id = new String[1];
        await(() -> {
            String out = CommandRun.run("queue", "--config", file.toString(), "list").out();
            Matcher m = line.matcher(out);
            if (m.find() && out.contains("attempts 1")) {
                id[0] = m.group(1);
                return true;
            }
            return false;
        }, "no deferred message in the queue");
        return id[0];
    }

    private static void await(java.util.function.BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }
}
