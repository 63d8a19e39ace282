package dev.pillarbox.smtp.extensions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.extensions.size.SizePlugin;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The plugins are declared twice, once per way of running: {@code provides} in module-info.java for the module path
 * and META-INF/services for the class path. Both lists must name the same classes, and every package Guice
 * constructs from is opened to it.
 */
class ServiceDeclarationsTest {

    @Test
    void theModuleProvidesExactlyThePluginsOfTheServicesFile() throws Exception {
        ModuleReference module = thisModule();
        ModuleDescriptor.Provides provides = module.descriptor().provides().stream()
                .filter(p -> p.service().equals(SmtpPlugin.class.getName())).findFirst().orElseThrow();
        assertThat(servicesFile(module)).hasSize(10);
        assertThat(provides.providers()).containsExactlyInAnyOrderElementsOf(servicesFile(module));
    }

    @Test
    void everyExportedPackageWithInjectedClassesIsOpenToGuice() throws Exception {
        ModuleDescriptor descriptor = thisModule().descriptor();
        Set<String> openToGuice = descriptor.opens().stream()
                .filter(o -> o.targets().equals(Set.of("com.google.guice")))
                .map(ModuleDescriptor.Opens::source).collect(Collectors.toSet());
        // the two packages that bind only instances (their EHLO keyword) need no deep reflection
        Set<String> instancesOnly = Set.of("dev.pillarbox.smtp.extensions.eightbitmime",
                "dev.pillarbox.smtp.extensions.enhancedstatuscodes");
        for (ModuleDescriptor.Exports exports : descriptor.exports()) {
            assertThat(openToGuice.contains(exports.source())).as(exports.source())
                    .isEqualTo(!instancesOnly.contains(exports.source()));
        }
    }

    /** This module as the build made it (target/classes or the jar). */
    private static ModuleReference thisModule() throws URISyntaxException {
        Path location = Path.of(SizePlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return ModuleFinder.of(location).find("dev.pillarbox.smtp.extensions").orElseThrow();
    }

    private static List<String> servicesFile(ModuleReference module) throws IOException {
        try (ModuleReader reader = module.open();
             InputStream in = reader.open("META-INF/services/" + SmtpPlugin.class.getName()).orElseThrow()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        }
    }
}
