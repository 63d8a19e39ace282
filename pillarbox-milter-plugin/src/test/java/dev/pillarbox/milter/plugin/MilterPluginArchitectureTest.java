package dev.pillarbox.milter.plugin;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The plugin is a thin layer: the server only through the plugin API, the protocol only through smtp-milter's
 * public API; never the engine.
 */
@AnalyzeClasses(packages = "dev.pillarbox.milter.plugin", importOptions = ImportOption.DoNotIncludeTests.class)
class MilterPluginArchitectureTest {

    @ArchTest
    static void usesThePluginApiAndTheMilterLibraryOnly(JavaClasses classes) {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.milter.plugin..", "dev.pillarbox.smtp.plugins.api..",
                        "dev.pillarbox.smtp.milter..", "dev.pillarbox.smtp.core..", "com.google.inject..",
                        "jakarta.inject..", "org.slf4j..", "java..", "javax.net.ssl..", "javax.security.auth.x500..")
                .check(classes);
    }
}
