package dev.pillarbox.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --log-format json}: the reference server, in a JVM of its own with its own logging configuration, writes one
 * JSON object per line (Jackson, which comes with the encoder, parses each), with the session id from the MDC and
 * the transaction log's fields as keys of their own.
 */
class JsonLogLinesTest {

    @TempDir
    Path dir;

    @Test
    void everyLineIsOneJsonObjectAndTheTransactionLineHasItsFieldsAsKeys() throws Exception {
        Path log = dir.resolve("server.log");
        try (ReferenceServerProcess server = ReferenceServerProcess.start(dir.resolve("Maildir"), log, Map.of(),
                List.of(), List.of("--log-level", "info", "--log-format", "json"))) {
            try (SmtpTestClient client = SmtpTestClient.inTransaction(server.address())) {
                assertThat(client.data("Subject: json\r\n\r\nhello\r\n").code().value()).isEqualTo(250);
                client.command("QUIT");
            }
            assertThat(server.terminate()).isEqualTo(143); // SIGTERM: the graceful shutdown, 128 + 15
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            JsonNode node = json.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.has("@timestamp") && node.has("level") && node.has("logger_name") && node.has("message"))
                    .as(line).isTrue();
            lines.add(node);
        }
        assertThat(lines).anySatisfy(line -> assertThat(line.get("message").asText())
                .startsWith("Pillarbox reference server"));
        JsonNode transaction = lines.stream()
                .filter(line -> line.get("logger_name").asText().endsWith("TransactionLog")).findFirst().orElseThrow();
        assertThat(transaction.get("client").asText()).startsWith("127.0.0.1:");
        assertThat(transaction.get("helo").asText()).isEqualTo(SmtpTestClient.CLIENT_NAME);
        assertThat(transaction.get("from").asText()).isEqualTo("<" + SmtpTestClient.SENDER + ">");
        assertThat(transaction.get("rcpt").asText()).isEqualTo("<" + SmtpTestClient.RECIPIENT + ">");
        assertThat(transaction.get("size").isNumber()).isTrue();
        assertThat(transaction.get("size").asLong()).isGreaterThan("Subject: json\r\n\r\nhello\r\n".length());
        assertThat(transaction.get("id").asText()).endsWith(".reliability.test.example");
        assertThat(transaction.get("result").asText()).isEqualTo("stored");
        assertThat(transaction.get("duration").isNumber()).isTrue();
        assertThat(transaction.get("session").asText()).as("the MDC's session id").isNotBlank();
        assertThat(transaction.get("message").asText()).startsWith("client=127.0.0.1:")
                .contains(" result=stored duration=");
    }
}
