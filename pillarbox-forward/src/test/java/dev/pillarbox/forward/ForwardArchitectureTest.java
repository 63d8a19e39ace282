package dev.pillarbox.forward;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The gateway sees the server only through the plugin API and its next hops only through smtp-client; the DSN
 * composer is pure (it knows nothing of the queue).
 */
@AnalyzeClasses(packages = "dev.pillarbox.forward", importOptions = ImportOption.DoNotIncludeTests.class)
class ForwardArchitectureTest {

    @ArchTest
    static void usesThePluginApiAndTheClientOnly(JavaClasses classes) {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.forward..", "dev.pillarbox.smtp.plugins.api..",
                        "dev.pillarbox.smtp.client", "dev.pillarbox.smtp.core..", "com.google.inject..",
                        "jakarta.inject..", "org.slf4j..", "java..", "javax.net.ssl..")
                .check(classes);
    }

    @ArchTest
    static void theDsnComposerDoesNotKnowTheQueue(JavaClasses classes) {
        noClasses().that().resideInAPackage("dev.pillarbox.forward.dsn..").should().dependOnClassesThat()
                .resideInAPackage("dev.pillarbox.forward").check(classes);
    }
}
