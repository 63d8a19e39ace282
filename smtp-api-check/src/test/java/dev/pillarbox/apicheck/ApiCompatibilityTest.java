package dev.pillarbox.apicheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javassist.ClassPool;
import javassist.CtClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API promise: the author API ({@code dev.pillarbox.smtp.plugins.api}) and the codec
 * ({@code dev.pillarbox.smtp.codec}) stay binary compatible with the last release's jars in {@code baseline/},
 * unless CHANGELOG.md's Unreleased section records the break. The check itself is tested on the real codec
 * with a public method removed from a copy of its classes.
 */
class ApiCompatibilityTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path ROOT = MODULE.getParent();
    private static final Path BASELINE = MODULE.resolve("baseline");

    @TempDir
    Path dir;

    @Test
    void authorApiIsCompatibleWithTheBaselineOrTheBreakIsRecorded() throws Exception {
        assertCompatible("smtp-plugins-api", "dev.pillarbox.smtp.plugins.api");
    }

    @Test
    void codecIsCompatibleWithTheBaselineOrTheBreakIsRecorded() throws Exception {
        assertCompatible("smtp-codec", "dev.pillarbox.smtp.codec");
    }

    @Test
    void aRemovedPublicMethodFailsTheCheckUntilTheChangelogRecordsIt() throws Exception {
        // a deliberate break: the current codec with ReplyDecoder.partialReply() removed from its class file
        Path classes = Files.createDirectories(dir.resolve("classes"));
        copyTree(ROOT.resolve("smtp-codec/target/classes"), classes);
        ClassPool pool = new ClassPool(true);
        pool.appendClassPath(classes.toString());
        CtClass decoder = pool.get("dev.pillarbox.smtp.codec.ReplyDecoder");
        decoder.removeMethod(decoder.getDeclaredMethod("partialReply"));
        decoder.writeFile(classes.toString());
        Path broken = ApiCheck.jar(classes, dir.resolve("broken.jar"));

        List<ApiCheck.Break> breaks = ApiCheck.binaryBreaks(BASELINE.resolve("smtp-codec.jar"), broken,
                "dev.pillarbox.smtp.codec");
        assertThat(breaks).extracting(ApiCheck.Break::element).contains("ReplyDecoder#partialReply()");
        assertThat(ApiCheck.unrecorded(breaks, changelog()))
                .extracting(ApiCheck.Break::element).contains("ReplyDecoder#partialReply()");

        String recorded = changelog().replace("## [Unreleased]\n",
                "## [Unreleased]\n\n### Removed\n- `ReplyDecoder#partialReply`: nobody needs it.\n");
        assertThat(ApiCheck.unrecorded(breaks, recorded)).isEmpty();
    }

    @Test
    void theUnreleasedSectionEndsAtTheNextVersion() {
        String changelog = "# Changelog\n\n## [Unreleased]\n- `A#b` gone\n\n## 0.2.0\n- `C#d` gone\n";
        assertThat(ApiCheck.unreleased(changelog)).contains("A#b").doesNotContain("C#d");
        assertThatThrownBy(() -> ApiCheck.unreleased("# Changelog\n## 0.2.0\n"))
                .hasMessageContaining("no '## [Unreleased]' section");
    }

    private void assertCompatible(String module, String apiPackage) throws Exception {
        Path current = ApiCheck.jar(ROOT.resolve(module).resolve("target/classes"), dir.resolve(module + ".jar"));
        List<ApiCheck.Break> breaks = ApiCheck.binaryBreaks(BASELINE.resolve(module + ".jar"), current, apiPackage);
        List<ApiCheck.Break> unrecorded = ApiCheck.unrecorded(breaks, changelog());
        assertThat(unrecorded)
                .as("binary-incompatible changes to %s since the release in smtp-api-check/baseline/ that "
                        + "CHANGELOG.md's [Unreleased] section does not name (as `Class#member`, or the class's "
                        + "full name): keep the old signature, or record the break there", apiPackage)
                .isEmpty();
    }

    private static String changelog() throws Exception {
        return Files.readString(ROOT.resolve("CHANGELOG.md"), StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var walk = Files.walk(from)) {
            for (Path p : walk.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
