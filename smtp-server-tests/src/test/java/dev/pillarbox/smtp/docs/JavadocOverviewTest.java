package dev.pillarbox.smtp.docs;

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
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the Javadoc overview pages honest: every library module that publishes a -javadoc.jar has
 * src/main/javadoc/overview.html, and each code example in one ({@code <pre>{@code ...}</pre>}) appears verbatim,
 * modulo leading indentation, in a test source of the same module, so the example is code that compiles and runs.
 */
class JavadocOverviewTest {

    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .getParent();
    private static final List<String> LIBRARY_MODULES = List.of("smtp-core", "smtp-codec", "smtp-client",
            "smtp-milter", "smtp-plugins-api", "smtp-server", "smtp-extensions", "smtp-testing", "pillarbox-metrics",
            "pillarbox-milter-plugin", "pillarbox-server");
    private static final Pattern EXAMPLE = Pattern.compile("<pre>\\{@code\\n(.*?)\\n}</pre>", Pattern.DOTALL);

    @TestFactory
    Stream<DynamicTest> everyOverviewExampleIsInTheModulesTests() {
        return LIBRARY_MODULES.stream().map(module -> DynamicTest.dynamicTest(module, () -> {
            Path overview = ROOT.resolve(module).resolve("src/main/javadoc/overview.html");
            assertThat(overview).as("the Javadoc overview page of " + module).isRegularFile();
            String tests = testSources(ROOT.resolve(module).resolve("src/test/java"));
            for (String example : examples(Files.readString(overview, StandardCharsets.UTF_8))) {
                assertThat(tests).as("an example of " + overview + " in the module's tests")
                        .contains(unindented(example));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theCheckFindsExamples() {
        // the control: the pattern sees an example where one is, and none where none is
        return Stream.of(
                DynamicTest.dynamicTest("one example", () -> assertThat(
                        examples("<p>x</p>\n<pre>{@code\nint a = 1;\n}</pre>")).containsExactly("int a = 1;")),
                DynamicTest.dynamicTest("no example", () -> assertThat(examples("<p>only prose</p>")).isEmpty()));
    }

    static List<String> examples(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static String unindented(String text) {
        return text.lines().map(String::stripLeading).collect(Collectors.joining("\n"));
    }

    private static String testSources(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                all.append(unindented(Files.readString(file, StandardCharsets.UTF_8))).append('\n');
            }
        }
        return all.toString();
    }
}
