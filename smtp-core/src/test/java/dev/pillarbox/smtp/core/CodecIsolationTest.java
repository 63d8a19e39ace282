package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * smtp-codec has no I/O (docs/architecture.md): it never imports java.net, a socket, a thread or a logger. Scans
 * the codec's main sources ({@code ../smtp-codec/src/main/java}, relative to smtp-core) and names each file that
 * does.
 */
class CodecIsolationTest {

    private static final Path CODEC_SOURCES = Path.of("..", "smtp-codec", "src", "main", "java");

    private static final Pattern FORBIDDEN_IMPORT = Pattern.compile(
            "^import\\s+(static\\s+)?(java\\.net\\.|java\\.lang\\.Thread\\b|java\\.util\\.concurrent\\b"
                    + "|org\\.slf4j\\b|java\\.util\\.logging\\b|java\\.lang\\.System\\.Logger\\b)");
    // java.lang.Thread and System.Logger need no import, and fully qualified names bypass imports
    private static final Pattern FORBIDDEN_USE = Pattern.compile(
            "\\bnew\\s+Thread\\b|\\bThread\\s*\\.|\\bSystem\\s*\\.\\s*(getLogger|Logger)\\b"
                    + "|\\bjava\\.net\\.|\\bjava\\.util\\.concurrent\\.|\\bjava\\.util\\.logging\\.|\\borg\\.slf4j\\.");

    @Test
    void codecSourcesUseNoNetworkThreadOrLogger() throws IOException {
        assertThat(CODEC_SOURCES).isDirectory();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CODEC_SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).as("smtp-codec main sources").isNotEmpty();

        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            problems.addAll(forbiddenUses(CODEC_SOURCES.relativize(file).toString(), read(file)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void forbiddenUsesAreReportedWithFileAndLine() {
        List<String> source = List.of(
                "package dev.pillarbox.smtp.codec;",
                "import java.net.Socket;",
                "import java.util.concurrent.locks.ReentrantLock;",
                "import org.slf4j.Logger;",
                "import static java.util.logging.Logger.getLogger;",
                "import java.util.List; // java.net is mentioned in a comment only",
                "/** Not Thread-safe; never opens java.net sockets. */",
                "final class X {",
                "    private static final System.Logger LOG = System.getLogger(\"x\");",
                "    void f() { new Thread(() -> { }).start(); Thread.sleep(1); }",
                "}");

        assertThat(forbiddenUses("X.java", source)).containsExactly(
                "X.java:2: import java.net.Socket;",
                "X.java:3: import java.util.concurrent.locks.ReentrantLock;",
                "X.java:4: import org.slf4j.Logger;",
                "X.java:5: import static java.util.logging.Logger.getLogger;",
                "X.java:9: private static final System.Logger LOG = System.getLogger(\"x\");",
                "X.java:10: void f() { new Thread(() -> { }).start(); Thread.sleep(1); }");
    }

    /** "file:line: code" for each line of code (comments skipped) that imports or uses a forbidden API. */
    static List<String> forbiddenUses(String fileName, List<String> lines) {
        List<String> problems = new ArrayList<>();
        boolean inComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (inComment) {
                int end = line.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                line = line.substring(end + 2).trim();
                inComment = false;
            }
            if (line.startsWith("/*")) {
                inComment = !line.contains("*/");
                continue;
            }
            int lineComment = line.indexOf("//");
            String code = lineComment >= 0 ? line.substring(0, lineComment) : line;
            if (FORBIDDEN_IMPORT.matcher(code).find() || FORBIDDEN_USE.matcher(code).find()) {
                problems.add(fileName + ":" + (i + 1) + ": " + line);
            }
        }
        return problems;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
