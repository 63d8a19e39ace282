package dev.pillarbox.metrics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The metrics integration sees the server only through the plugin API's {@code ServerEvents}: never the engine, so
 * that the engine stays free of Micrometer and this module free of the engine.
 */
@AnalyzeClasses(packages = "dev.pillarbox.metrics", importOptions = ImportOption.DoNotIncludeTests.class)
class MetricsArchitectureTest {

    @ArchTest
    static void usesThePluginApiAndMicrometerOnly(JavaClasses classes) {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.metrics..", "dev.pillarbox.smtp.plugins.api..",
                        "dev.pillarbox.smtp.plugins.spi..", "io.micrometer..", "com.google.inject..",
                        "jakarta.inject..", "java..")
                .check(classes);
    }
}
