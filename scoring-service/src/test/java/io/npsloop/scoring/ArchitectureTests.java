package io.npsloop.scoring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The domain of scoring and the statistics are plain Java. Each rule fails if the package it guards
 * has no classes (allowEmptyShould(false)), so a renamed package cannot make the rule pass vacuously.
 */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.npsloop.scoring", "io.npsloop.statistics");

    @Test
    void scoringDomainImportsNoSpringMongoOrKafka() {
        plainJava("io.npsloop.scoring.nps").check(CLASSES);
    }

    @Test
    void statisticsImportNoSpringMongoOrKafka() {
        plainJava("io.npsloop.statistics").check(CLASSES);
    }

    private static ArchRule plainJava(String pkg) {
        return noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "org.apache.kafka..")
                .allowEmptyShould(false)
                .because("domain rules stay testable without infrastructure; adapters live in sub-packages");
    }
}
