package dev.pillarbox.smtp.extensions;

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
 * The extensions are built with the public plugin API only: their sources import nothing from the server's own
 * packages, and name none of its classes in full either. This is what proves the API is enough for them. Besides
 * the API, Guice and SLF4J (all three on the plugin API's dependencies), only the JDK is allowed: {@code java.*}, and
 * {@code javax.net.ssl} and {@code javax.crypto} for STARTTLS and AUTH.
 */
class ExtensionsUseOnlyPublicApiTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/pillarbox/smtp/extensions");
    private static final List<String> ALLOWED = List.of("java.", "javax.net.ssl.", "javax.crypto.", "jakarta.inject.",
            "com.google.inject.", "org.slf4j.", "dev.pillarbox.smtp.core.", "dev.pillarbox.smtp.plugins.api.",
            "dev.pillarbox.smtp.codec.", "dev.pillarbox.smtp.extensions.");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern SERVER_NAME = Pattern.compile("dev\\.pillarbox\\.smtp\\.server\\.(?!extensions\\b)\\w+");

    @Test
    void extensionSourcesImportOnlyThePublicApi() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files = sources();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher imports = IMPORT.matcher(text);
            while (imports.find()) {
                String imported = imports.group(1);
                if (ALLOWED.stream().noneMatch(imported::startsWith)) {
                    violations.add(SOURCES.relativize(file) + " imports " + imported);
                }
            }
            Matcher names = SERVER_NAME.matcher(text);
            while (names.find()) {
                violations.add(SOURCES.relativize(file) + " names " + names.group());
            }
        }
        assertThat(files).hasSizeGreaterThan(20);
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckCatchesAServerImport() {
        String text = "package x;\nimport dev.pillarbox.smtp.server.ServerReplies;\nimport java.util.List;\n";
        Matcher imports = IMPORT.matcher(text);
        List<String> found = new ArrayList<>();
        while (imports.find()) {
            found.add(imports.group(1));
        }
        assertThat(found).containsExactly("dev.pillarbox.smtp.server.ServerReplies", "java.util.List");
        assertThat(ALLOWED.stream().noneMatch(found.get(0)::startsWith)).isTrue();
        assertThat(SERVER_NAME.matcher("see dev.pillarbox.smtp.server.verbs.MailHandler").find()).isTrue();
        assertThat(SERVER_NAME.matcher("see dev.pillarbox.smtp.extensions.size").find()).isFalse();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
