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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps docs/plugins.md honest: every {@code ```java} snippet must appear verbatim, modulo leading indentation, in
 * a source file of this module, so the guide's code is code that compiles and is tested.
 */
class GuideSnippetsTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path GUIDE = MODULE.resolveSibling("docs").resolve("plugins.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern SOURCE_NAME = Pattern.compile(
            "`(smtp-plugins-examples/src/[^`]+\\.java)`:\\s*\\n\\s*\\n```java", Pattern.MULTILINE);

    private static String guide;
    private static List<Path> sources;

    @BeforeAll
    static void read() throws IOException {
        guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(MODULE.resolve("src"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    /** Lines without leading whitespace, joined with LF. */
    static String unindented(String text) {
        return text.lines().map(String::stripLeading).collect(Collectors.joining("\n"));
    }

    static List<String> snippets(String markdown) {
        List<String> snippets = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            snippets.add(m.group(1));
        }
        return snippets;
    }

    @Test
    void guideHasTheSnippetsItPromises() {
        assertThat(snippets(guide)).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void everyNamedSourceFileExists() {
        Matcher m = SOURCE_NAME.matcher(guide);
        int named = 0;
        while (m.find()) {
            named++;
            assertThat(MODULE.resolveSibling(m.group(1))).as("file named in the guide").isRegularFile();
        }
        assertThat(named).isGreaterThanOrEqualTo(8);
    }

    @Test
    void snippetThatIsNotInAnySourceIsDetected() {
        String changed = "public Outcome handle(Session session, Command command) {\n    return null;\n}";
        assertThat(foundIn(changed)).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everySnippetAppearsVerbatimInASourceFile() {
        List<String> snippets = snippets(guide);
        return snippets.stream().map(snippet -> DynamicTest.dynamicTest(
                "snippet " + (snippets.indexOf(snippet) + 1) + ": " + snippet.lines().findFirst().orElse(""),
                () -> assertThat(foundIn(snippet)).as("source files containing:%n%s", snippet).isNotEmpty()));
    }

    /**
     * The guide's complete plugin POM is the sample project's, which the build runs with the invoker (module
     * {@code samples}): the POM a newcomer copies is one that builds and runs its tests.
     */
    @Test
    void guidePomIsTheSampleProjectsPom() throws IOException {
        Matcher m = Pattern.compile("(?m)^```xml\\n(.*?)^```$", Pattern.DOTALL).matcher(guide);
        List<String> poms = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).contains("<artifactId>stamp-plugin</artifactId>")) {
                poms.add(m.group(1));
            }
        }
        Path sample = MODULE.resolveSibling("samples").resolve("plugin-sample").resolve("pom.xml");
        assertThat(poms).hasSize(1);
        assertThat(poms.get(0)).isEqualTo(Files.readString(sample, StandardCharsets.UTF_8));
    }

    private static List<Path> foundIn(String snippet) {
        String wanted = unindented(snippet);
        List<Path> found = new ArrayList<>();
        for (Path source : sources) {
            try {
                if (unindented(Files.readString(source, StandardCharsets.UTF_8)).contains(wanted)) {
                    found.add(source);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return found;
    }
}
