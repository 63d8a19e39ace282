package dev.pillarbox.smtp.client;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * smtp-client is an SMTP/LMTP client on the codec: smtp-core, smtp-codec, the SLF4J API and the JDK (with
 * javax.net.ssl for TLS and javax.crypto for SCRAM), no Guice, no plugin API and no server, although its tests have
 * them on the class path (docs/architecture.md). Its packages (the client and its load generator) have no cycles.
 */
@AnalyzeClasses(packages = "dev.pillarbox.smtp.client", importOptions = ImportOption.DoNotIncludeTests.class)
class ClientArchitectureTest {

    @ArchTest
    static void dependsOnCoreCodecSlf4jAndTheJdkOnly(JavaClasses classes) {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pillarbox.smtp.client..", "dev.pillarbox.smtp.core..",
                "dev.pillarbox.smtp.codec..", "java..", "javax.net.ssl..", "javax.crypto..", "org.slf4j..")
                .check(classes);
    }

    @ArchTest
    static void noPackageCycles(JavaClasses classes) {
        slices().matching("dev.pillarbox.smtp.(**)").should().beFreeOfCycles()
                .check(classes);
    }
}
