package dev.pillarbox.smtp.plugins.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * A plugin may depend on the author's plugin API and what it brings (smtp-core, Guice, jakarta.inject, SLF4J), the
 * JDK, Micrometer (meters of its own in the server's registry) and Apache Mime4J (the attachment policy's parser),
 * never on the server or the server-facing spi package: the examples must run in any server that implements the API.
 * The consumer example is no plugin but a program of the receiving application's: it uses the RabbitMQ client and
 * the JDK only.
 */
@AnalyzeClasses(packages = "dev.pillarbox.smtp.plugins.examples", importOptions = ImportOption.DoNotIncludeTests.class)
class ExamplesArchitectureTest {

    @ArchTest
    static void useTheAuthorsApiOnly(JavaClasses classes) {
        classes().that().resideOutsideOfPackage("dev.pillarbox.smtp.plugins.examples.consumer..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.smtp.plugins.examples..", "dev.pillarbox.smtp.plugins.api..",
                "dev.pillarbox.smtp.core..", "java..", "com.google.inject..", "jakarta.inject..", "io.micrometer..",
                "org.slf4j..", "org.apache.james.mime4j..")
                .check(classes);
    }

    @ArchTest
    static void theConsumerNeedsNoServer(JavaClasses classes) {
        classes().that().resideInAPackage("dev.pillarbox.smtp.plugins.examples.consumer..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.smtp.plugins.examples.consumer..", "java..", "com.rabbitmq..")
                .check(classes);
    }

    @ArchTest
    static void noPackageCycles(JavaClasses classes) {
        slices().matching("dev.pillarbox.smtp.plugins.(**)")
                .should().beFreeOfCycles()
                .check(classes);
    }
}
