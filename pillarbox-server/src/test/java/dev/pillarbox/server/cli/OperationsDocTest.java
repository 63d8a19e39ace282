package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.ExternalCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/operations.md honest: its Prometheus scrape configuration and alert rules pass Prometheus' own checks
 * ({@code promtool check config}, {@code promtool check rules}).
 */
class OperationsDocTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path DOC = MODULE.resolveSibling("docs").resolve("operations.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("(?m)^```yaml\\n(.*?)^```$", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void scrapeConfigurationAndAlertRulesPassPromtool() throws Exception {
        List<String> blocks = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        String scrape = blocks.stream().filter(b -> b.contains("scrape_configs:")).findFirst().orElseThrow();
        String rules = blocks.stream().filter(b -> b.contains("groups:")).findFirst().orElseThrow();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), scrape);
        Path alerts = Files.writeString(dir.resolve("alerts.yml"), rules);
        ExternalCommand.Result checkedConfig = ExternalCommand.run(Duration.ofSeconds(30), "",
                List.of("/usr/bin/promtool", "check", "config", config.toString()));
        assertThat(checkedConfig.exitCode()).as(checkedConfig.toString()).isZero();
        ExternalCommand.Result checkedRules = ExternalCommand.run(Duration.ofSeconds(30), "",
                List.of("/usr/bin/promtool", "check", "rules", alerts.toString()));
        assertThat(checkedRules.exitCode()).as(checkedRules.toString()).isZero();
        assertThat(checkedRules.stdout()).contains("SUCCESS: 3 rules found");
    }
}
