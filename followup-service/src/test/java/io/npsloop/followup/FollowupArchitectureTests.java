package io.npsloop.followup;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The feature packages' plain-Java code. Each rule is checked package by package and refuses to
 * guard nothing ({@code allowEmptyShould(false)}), so a renamed or removed package fails here
 * instead of passing unguarded.
 */
class FollowupArchitectureTests {

    private static final String BASE = "io.npsloop.followup.";

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.npsloop.followup");

    @ParameterizedTest
    @ValueSource(strings = {"cases", "incentives", "rootcauses", "donotcontact"})
    void featurePackageUsesNoSpringMongoOrKafka(String feature) {
        noClasses().that().resideInAPackage(BASE + feature)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.apache.kafka..", "org.bson..")
                .allowEmptyShould(false)
                .check(CLASSES);
    }

    /** The rules cases follow (root-cause coding, experiment arms, the do-not-contact list) know nothing of cases: cases call them. */
    @ParameterizedTest
    @ValueSource(strings = {"incentives", "rootcauses", "donotcontact"})
    void rulesOfAFeatureDoNotReachIntoCases(String feature) {
        classes().that().resideInAPackage(BASE + feature)
                .should().onlyDependOnClassesThat().resideOutsideOfPackage(BASE + "cases..")
                .allowEmptyShould(false)
                .check(CLASSES);
    }
}
