package dev.pillarbox.smtp.plugins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The plugin API sees replies, commands and paths (smtp-core), never bytes (smtp-codec) or the server; the author's
 * package never depends on the server-facing spi package, which builds on it.
 */
@AnalyzeClasses(packages = "dev.pillarbox.smtp.plugins", importOptions = ImportOption.DoNotIncludeTests.class)
class PluginsApiArchitectureTest {

    @ArchTest
    static void dependsOnCoreGuiceSlf4jAndTheJdkOnly(JavaClasses classes) {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.smtp.plugins..", "dev.pillarbox.smtp.core..", "java..",
                "javax.net.ssl..", "com.google.inject..", "jakarta.inject..", "org.slf4j..")
                .check(classes);
    }

    @ArchTest
    static void theAuthorsPackageDoesNotUseTheSpi(JavaClasses classes) {
        noClasses()
                .that().resideInAPackage("dev.pillarbox.smtp.plugins.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.pillarbox.smtp.plugins.spi..")
                .check(classes);
    }

    @ArchTest
    static void noPackageCycles(JavaClasses classes) {
        slices().matching("dev.pillarbox.smtp.(**)").should().beFreeOfCycles()
                .check(classes);
    }
}
