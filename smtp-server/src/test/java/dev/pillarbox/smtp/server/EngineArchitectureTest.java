package dev.pillarbox.smtp.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The engine builds on smtp-core, smtp-codec and the plugin API (with its spi package), Guice and SLF4J; it knows no
 * extension, no reference server and no client, and its packages (server, verbs, proxy) have no cycles.
 */
@AnalyzeClasses(packages = "dev.pillarbox.smtp.server", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {

    @ArchTest
    static void dependsOnTheModulesBelowOnly(JavaClasses classes) {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.smtp.server..", "dev.pillarbox.smtp.core..",
                "dev.pillarbox.smtp.codec..", "dev.pillarbox.smtp.plugins.api..", "dev.pillarbox.smtp.plugins.spi..",
                "java..", "javax.net..", "com.google.inject..", "jakarta.inject..", "org.slf4j..")
                .check(classes);
    }

    @ArchTest
    static void noPackageCycles(JavaClasses classes) {
        slices().matching("dev.pillarbox.smtp.(**)").should().beFreeOfCycles()
                .check(classes);
    }
}
