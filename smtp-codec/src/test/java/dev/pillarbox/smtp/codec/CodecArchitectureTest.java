package dev.pillarbox.smtp.codec;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * smtp-codec turns bytes into protocol units and back, and nothing else: it depends on smtp-core and the JDK only
 * (no third-party library), and never touches the network, a thread or a logger (docs/architecture.md).
 */
@AnalyzeClasses(packages = "dev.pillarbox.smtp.codec", importOptions = ImportOption.DoNotIncludeTests.class)
class CodecArchitectureTest {

    @ArchTest
    static void dependsOnCoreAndTheJdkOnly(JavaClasses classes) {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.smtp.codec..", "dev.pillarbox.smtp.core..", "java..")
                .check(classes);
    }

    @ArchTest
    static void noNetworkThreadsOrLoggers(JavaClasses classes) {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("java.net..", "java.nio.channels..", "javax.net..", "java.util.concurrent..",
                        "java.util.logging..", "org.slf4j..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().areAssignableTo(System.Logger.class)
                .check(classes);
    }

    @ArchTest
    static void noPackageCycles(JavaClasses classes) {
        slices().matching("dev.pillarbox.smtp.(**)").should().beFreeOfCycles()
                .check(classes);
    }
}
