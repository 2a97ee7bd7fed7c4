package io.faultline.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core is plain Java: wire formats, engines and I/O stay at the edges (DESIGN.md, "Modules"). */
@AnalyzeClasses(packages = "io.faultline.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule coreHasNoFrameworkOrIoDependencies = noClasses()
            .that().resideInAPackage("io.faultline.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.kafka..", "org.apache.flink..", "org.apache.avro..", "io.javalin..",
                    "java.sql..", "com.clickhouse..", "java.net.http..")
            .because("core/ must stay benchmarkable and reusable in batch and streaming alike");

    @ArchTest
    static final ArchRule catalogDoesNotKnowTheEngine = noClasses()
            .that().resideInAPackage("io.faultline.core.catalog..")
            .should().dependOnClassesThat().resideInAPackage("io.faultline.core.correlation..")
            .because("the catalog graph is a plain domain model the engine builds on, not the other way round");
}
