package dev.pillarbox.smtp.plugins.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A plugin may depend on the plugin API and what it brings (smtp-core, Guice, jakarta.inject) and the JDK, never on
 * the server: the examples must run in any server that implements the API.
 */
class AllowedImportsTest {

    private static final Path MAIN = Path.of(System.getProperty("basedir", ".")).resolve("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?([\\w.]+)");
    private static final List<String> ALLOWED = List.of("java.", "jakarta.inject.", "com.google.inject.",
            "dev.pillarbox.smtp.core.", "dev.pillarbox.smtp.plugins.api.", "dev.pillarbox.smtp.plugins.examples.");

    static List<String> forbiddenImports(String source) {
        List<String> forbidden = new ArrayList<>();
        Matcher m = IMPORT.matcher(source);
        while (m.find()) {
            String imported = m.group(1);
            if (ALLOWED.stream().noneMatch(imported::startsWith)) {
                forbidden.add(imported);
            }
        }
        return forbidden;
    }

    @Test
    void mainCodeImportsOnlyTheJdkGuiceAndThePluginApi() throws IOException {
        List<String> forbidden = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(MAIN)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        for (Path file : files) {
            forbiddenImports(Files.readString(file, StandardCharsets.UTF_8))
                    .forEach(imported -> forbidden.add(MAIN.relativize(file) + ": " + imported));
        }
        assertThat(files).hasSizeGreaterThan(40);
        assertThat(forbidden).isEmpty();
    }

    @Test
    void serverImportIsCaught() {
        assertThat(forbiddenImports("package x;\nimport dev.pillarbox.smtp.server.SmtpServer;\nimport java.util.List;\n"))
                .containsExactly("dev.pillarbox.smtp.server.SmtpServer");
    }
}
