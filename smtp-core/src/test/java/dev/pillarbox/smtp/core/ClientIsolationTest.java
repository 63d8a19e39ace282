package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: "smtp-client  an SMTP/LMTP client on the codec (blocking I/O); no Guice, no server". Its pom is checked by
 * {@link ModuleDependencyTest}; this scans its main sources ({@code ../smtp-client/src/main/java}, relative to
 * smtp-core) so that not even a class that happens to be on a test class path is imported: only the JDK, SLF4J's API,
 * smtp-core, smtp-codec and the client itself.
 */
class ClientIsolationTest {

    private static final Path CLIENT_SOURCES = Path.of("..", "smtp-client", "src", "main", "java");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)");
    private static final List<String> ALLOWED = List.of("java.", "javax.net.", "javax.crypto.", "org.slf4j.",
            "dev.pillarbox.smtp.core.", "dev.pillarbox.smtp.codec.", "dev.pillarbox.smtp.client.");

    @Test
    void clientSourcesImportOnlyTheJdkSlf4jCoreAndCodec() throws IOException {
        assertThat(CLIENT_SOURCES).isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CLIENT_SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).as("smtp-client main sources").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(forbiddenImports(CLIENT_SOURCES.relativize(file).toString(),
                    Files.readAllLines(file, StandardCharsets.UTF_8)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void forbiddenImportsAreReportedWithFileAndLine() {
        assertThat(forbiddenImports("X.java", List.of(
                "package dev.pillarbox.smtp.client;",
                "import java.net.Socket;",
                "import com.google.inject.Inject;",
                "import dev.pillarbox.smtp.server.SmtpServer;",
                "import static dev.pillarbox.smtp.plugins.api.HookResult.next;",
                "import org.slf4j.Logger;")))
                .containsExactly("X.java:3: import com.google.inject.Inject;",
                        "X.java:4: import dev.pillarbox.smtp.server.SmtpServer;",
                        "X.java:5: import static dev.pillarbox.smtp.plugins.api.HookResult.next;");
    }

    /** "file:line: import ..." for each import outside {@link #ALLOWED}. */
    static List<String> forbiddenImports(String fileName, List<String> lines) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = IMPORT.matcher(lines.get(i).trim());
            if (m.find() && ALLOWED.stream().noneMatch(m.group(1)::startsWith)) {
                problems.add(fileName + ":" + (i + 1) + ": " + lines.get(i).trim());
            }
        }
        return problems;
    }
}
