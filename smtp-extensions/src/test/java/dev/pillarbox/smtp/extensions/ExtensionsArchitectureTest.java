package dev.pillarbox.smtp.extensions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The extensions are plugins like any other: the plugin API (and its spi package), smtp-core, Guice, SLF4J and the
 * JDK (with javax.net.ssl and javax.crypto for STARTTLS and AUTH), never the engine or the codec. This is what
 * proves the API is enough; the module graph (no compile dependency on smtp-server) enforces it too.
 */
@AnalyzeClasses(packages = "dev.pillarbox.smtp.extensions", importOptions = ImportOption.DoNotIncludeTests.class)
class ExtensionsArchitectureTest {

    @ArchTest
    static void useThePluginApiOnly(JavaClasses classes) {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.smtp.extensions..", "dev.pillarbox.smtp.plugins.api..",
                "dev.pillarbox.smtp.plugins.spi..", "dev.pillarbox.smtp.core..", "java..", "javax.net.ssl..",
                "javax.crypto..", "com.google.inject..", "jakarta.inject..", "org.slf4j..")
                .check(classes);
    }

    @ArchTest
    static void noPackageCycles(JavaClasses classes) {
        slices().matching("dev.pillarbox.smtp.(**)")
                .should().beFreeOfCycles()
                .check(classes);
    }
}
