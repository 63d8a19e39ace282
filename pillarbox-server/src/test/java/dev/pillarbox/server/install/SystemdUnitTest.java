package dev.pillarbox.server.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.ExternalCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped systemd unit passes {@code systemd-analyze verify} with nothing to say, and keeps the hardening
 * docs/install.md promises. The unit's executable is pointed at a stand-in in a temporary folder, because
 * verify checks that it exists.
 */
class SystemdUnitTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path UNIT = MODULE.resolve("src/dist/systemd/pillarbox.service");
    private static final String INSTALLED_LAUNCHER = "/opt/pillarbox/bin/pillarbox-server";

    @TempDir
    Path dir;

    @Test
    void unitVerifiesWithoutWarnings() throws Exception {
        ExternalCommand.Result verified = verify(Files.readString(UNIT, StandardCharsets.UTF_8));
        assertThat(verified.exitCode()).as(verified.toString()).isZero();
        assertThat(verified.stdout() + verified.stderr()).as(verified.toString()).isBlank();
    }

    @Test
    void verifyReportsAMisspelledKey() throws Exception {
        // the control: the check above can fail, because verify does report what it ignores
        String unit = Files.readString(UNIT, StandardCharsets.UTF_8).replace("ProtectSystem=", "ProtectSystm=");
        ExternalCommand.Result verified = verify(unit);
        assertThat(verified.stdout() + verified.stderr()).contains("Unknown key 'ProtectSystm'");
    }

    @Test
    void unitKeepsTheHardeningTheInstallGuidePromises() throws Exception {
        String unit = Files.readString(UNIT, StandardCharsets.UTF_8);
        assertThat(unit.lines()).contains(
                "ExecStart=" + INSTALLED_LAUNCHER + " serve --config /etc/pillarbox/pillarbox.yaml",
                "DynamicUser=yes",
                "StateDirectory=pillarbox",
                "ReadWritePaths=/var/lib/pillarbox",
                "ProtectSystem=strict",
                "AmbientCapabilities=CAP_NET_BIND_SERVICE",
                "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
                "NoNewPrivileges=yes");
    }

    private ExternalCommand.Result verify(String unit) throws Exception {
        Path launcher = dir.resolve("pillarbox-server");
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = dir.resolve("pillarbox.service");
        Files.writeString(copy, unit.replace(INSTALLED_LAUNCHER, launcher.toString()), StandardCharsets.UTF_8);
        return ExternalCommand.run(Duration.ofSeconds(60), "",
                List.of("/usr/bin/systemd-analyze", "verify", copy.toString()));
    }
}
