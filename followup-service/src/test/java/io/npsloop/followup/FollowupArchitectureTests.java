package io.npsloop.followup;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class FollowupArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.npsloop.followup");

    @Test
    void domainPackagesUseNoSpringMongoOrKafka() {
        // failOnEmptyShould (the default) makes the rule fail if the packages disappear.
        noClasses().that().resideInAnyPackage("io.npsloop.followup.cases", "io.npsloop.followup.incentives",
                        "io.npsloop.followup.rootcauses")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..",
                        "org.apache.kafka..", "org.bson..")
                .allowEmptyShould(false)
                .check(classes);
    }
}
