package dev.pillarbox.smtp.milter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * smtp-milter is a library that speaks the milter protocol to mail filters: smtp-core (a filter's replies are checked
 * against the SMTP grammar), the SLF4J API and the JDK; no codec, no plugin API, no server (docs/architecture.md).
 * The filter helpers of its test-jar are test code and not checked here.
 */
@AnalyzeClasses(packages = "dev.pillarbox.smtp.milter", importOptions = ImportOption.DoNotIncludeTests.class)
class MilterArchitectureTest {

    @ArchTest
    static void dependsOnCoreSlf4jAndTheJdkOnly(JavaClasses classes) {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.smtp.milter..", "dev.pillarbox.smtp.core..", "java..",
                "org.slf4j..")
                .check(classes);
    }

    @ArchTest
    static void noPackageCycles(JavaClasses classes) {
        slices().matching("dev.pillarbox.smtp.(**)").should().beFreeOfCycles()
                .check(classes);
    }
}
