package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.ExternalCommand;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on the module path: a program that {@code requires dev.pillarbox.smtp.server} and
 * {@code dev.pillarbox.smtp.client} (src/test/resources/module-path-server) is compiled against this build's modules
 * and run with {@code java --module-path ... -m}, on the JDK that runs the tests (CI runs them on 17 and 25). It
 * starts a server on 127.0.0.1 whose extensions come from the extensions module through ServiceLoader alone (no
 * module requires it), wired by Guice (an automatic module that must reach the package-private handlers through
 * the modules' {@code opens}), and sends it a message with the client. The rest of the suite runs on the class path.
 */
class ModulePathServerTest {

    /** The artifacts on the module path: Pillarbox's modules and their dependencies, nothing of the test's own. */
    private static final Set<String> MODULE_PATH_ARTIFACTS = Set.of("smtp-core", "smtp-codec", "smtp-client",
            "smtp-plugins-api", "smtp-server", "smtp-extensions", "guice", "guava", "failureaccess",
            "jakarta.inject-api", "aopalliance", "slf4j-api");

    // a reactor module's classes (target/classes) or jar (target/<artifact>-<version>.jar), or a repository jar
    private static final Pattern JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

    private static final String MAIN =
            "dev.pillarbox.example.modulepath/dev.pillarbox.example.modulepath.ModulePathServer";

    @Test
    void theServerWiresItsDiscoveredPluginsAndTakesAMessageOnTheModulePath(@TempDir Path work) throws Exception {
        String modulePath = modulePath();
        Path classes = Files.createDirectories(work.resolve("classes"));
        compile(modulePath, classes);

        ExternalCommand.Result run = ExternalCommand.run(Duration.ofSeconds(60), "", List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath + File.pathSeparator + classes,
                "-m", MAIN));

        assertThat(run.exitCode()).as("%s", run).isZero();
        Map<String, List<String>> facts = facts(run.stdout());
        assertThat(facts.get("server-module")).as("%s", run).containsExactly("dev.pillarbox.smtp.server");
        assertThat(facts.get("guice-module")).as("%s", run).containsExactly("com.google.guice");
        // every extension found by ServiceLoader comes from the named module, through its provides clause
        assertThat(facts.get("plugin-module")).as("%s", run).contains("size dev.pillarbox.smtp.extensions",
                "chunking dev.pillarbox.smtp.extensions", "dsn dev.pillarbox.smtp.extensions",
                "auth dev.pillarbox.smtp.extensions", "starttls dev.pillarbox.smtp.extensions")
                .allMatch(line -> line.endsWith(" dev.pillarbox.smtp.extensions"));
        assertThat(facts.get("plugins").get(0).split(",")).as("%s", run)
                .contains("8bitmime", "chunking", "dsn", "enhancedstatuscodes", "size", "smtputf8");
        assertThat(facts.get("ehlo-keywords").get(0).split(",")).as("%s", run)
                .contains("8BITMIME", "CHUNKING", "DSN", "ENHANCEDSTATUSCODES", "SIZE", "SMTPUTF8");
        assertThat(facts.get("stored")).as("%s", run).containsExactly("1");
    }

    /** The entries of this test's class path that make up the program's module path. */
    private static String modulePath() {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String artifact = artifactOf(Path.of(entry));
            if (MODULE_PATH_ARTIFACTS.contains(artifact)) {
                entries.putIfAbsent(artifact, entry);
            }
        }
        assertThat(entries.keySet()).as("the module path's artifacts on the test class path %s",
                System.getProperty("java.class.path")).containsExactlyInAnyOrderElementsOf(MODULE_PATH_ARTIFACTS);
        return String.join(File.pathSeparator, entries.values());
    }

    private static String artifactOf(Path entry) {
        Path name = entry.getFileName();
        if (name == null) {
            return "";
        }
        if (name.toString().equals("classes") && entry.getParent() != null && entry.getParent().getParent() != null
                && entry.getParent().getFileName().toString().equals("target")) {
            return entry.getParent().getParent().getFileName().toString();
        }
        Matcher jar = JAR.matcher(name.toString());
        return jar.matches() ? jar.group(1) : "";
    }

    private static void compile(String modulePath, Path classes) throws IOException, URISyntaxException {
        Path sources = Path.of(ModulePathServerTest.class.getResource("/module-path-server/module-info.java").toURI())
                .getParent();
        // -path: javac in this JVM sees the test class path, whose missing target/classes it would warn about
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all,-path", "-Werror",
                "--module-path", modulePath, "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).map(Path::toString).forEach(args::add);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = javac.run(null, output, output, args.toArray(String[]::new));
        assertThat(status).as("javac %s\n%s", args, output.toString(StandardCharsets.UTF_8)).isZero();
    }

    /** The program's {@code key: value} lines, the values of each key in order. */
    private static Map<String, List<String>> facts(String stdout) {
        Map<String, List<String>> facts = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                facts.computeIfAbsent(line.substring(0, colon), key -> new ArrayList<>())
                        .add(line.substring(colon + 2));
            }
        }
        return facts;
    }
}
