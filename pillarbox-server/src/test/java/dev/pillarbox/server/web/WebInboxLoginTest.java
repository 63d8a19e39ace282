package dev.pillarbox.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.server.config.ConfigException;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may see the inbox: on loopback anyone on the machine by default; beyond loopback only with a login, which
 * start-up insists on; a configured login is asked for on every request (HTTP Basic).
 */
class WebInboxLoginTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0.0.0:8025    | ''      | ''     | maildir | refusing to start: the web inbox on 0.0.0.0:8025 is not on a loopback address and has no login",
        "192.0.2.10:8025 | ''      | ''     | maildir | set web-user and web-password (HTTP Basic) or serve it on 127.0.0.1 or [::1] only",
        "192.0.2.10:8025 | dev     | ''     | maildir | web-user and web-password are set together",
        "127.0.0.1:8025  | ''      | secret | maildir | web-user and web-password are set together",
        "127.0.0.1:8025  | a:b     | secret | maildir | web-user must be non-empty and must not contain ':'",
        "127.0.0.1:8025  | ''      | ''     | discard | the web inbox shows the messages of the Maildir, but the delivery targets are discard",
        "''              | dev     | secret | maildir | web-user is set but the web inbox is off",
        "localhost:http  | ''      | ''     | maildir | (web): \"localhost:http\" is not an HTTP listen address",
    })
    void startUpRefusesAnInboxThatCannotBeRunSafely(String web, String user, String password, String store,
            String message) {
        Map<String, String> env = Map.of("PILLARBOX_WEB", web, "PILLARBOX_WEB_USER", user,
                "PILLARBOX_WEB_PASSWORD", password, "PILLARBOX_STORE", store);
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), env, List.of(), "test.example"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void beyondLoopbackALoginIsEnough() throws Exception {
        var config = ConfigLoader.load(Optional.empty(), Map.of("PILLARBOX_WEB_USER", "dev",
                "PILLARBOX_WEB_PASSWORD", "s3cret"), List.of(new ConfigOverride("web", "192.0.2.10:8025", "--web")),
                "test.example");
        assertThat(config.web().orElseThrow().needsLogin()).isTrue();
        assertThat(config.describe()).contains("web: http://192.0.2.10:8025 (login: dev)").doesNotContain("s3cret");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                 | 401",
        "dev:wrong          | 401",
        "dev                | 401",
        "Dev:s3cret p\u00e4ss | 401",
        "dev:s3cret p\u00e4ss | 200",
    })
    void aConfiguredLoginIsAskedForOnEveryRequest(String credentials, int status) throws Exception {
        try (Catcher catcher = Catcher.start(dir, Map.of("PILLARBOX_WEB_USER", "dev",
                "PILLARBOX_WEB_PASSWORD", "s3cret p\u00e4ss"))) {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"/", "/api/messages", "/api/events"}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(catcher.uri(path)).timeout(Duration.ofSeconds(10));
                if (!credentials.isEmpty()) {
                    request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            credentials.getBytes(StandardCharsets.UTF_8)));
                }
                HttpResponse<java.io.InputStream> response = http.send(request.build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                response.body().close();
                assertThat(response.statusCode()).as(path).isEqualTo(status);
                if (status == 401) {
                    assertThat(response.headers().firstValue("WWW-Authenticate"))
                            .hasValue("Basic realm=\"Pillarbox web inbox\", charset=\"UTF-8\"");
                    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(WebInbox.PAGE_POLICY);
                }
            }
        }
    }
}
