package dev.pillarbox.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/** The reference server's packages (cli, config, maildir) depend on each other without cycles. */
@AnalyzeClasses(packages = "dev.pillarbox.server", importOptions = ImportOption.DoNotIncludeTests.class)
class ReferenceServerArchitectureTest {

    @ArchTest
    static void noPackageCycles(JavaClasses classes) {
        slices().matching("dev.pillarbox.(**)").should().beFreeOfCycles()
                .check(classes);
    }
}
