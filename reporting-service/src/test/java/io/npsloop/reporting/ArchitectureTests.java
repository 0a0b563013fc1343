package io.npsloop.reporting;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The domain packages stay plain Java: Kafka, MongoDB and Spring live in their adapter sub-packages. */
class ArchitectureTests {

    static final String[] DOMAIN = {"io.npsloop.reporting.projections", "io.npsloop.reporting.reports"};

    @Test
    void domainPackagesImportNoFramework() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.npsloop.reporting");
        for (String domain : DOMAIN) {
            // A rule over an empty package passes whatever the code does, so the package must have classes.
            assertThat(classes.stream().filter(c -> c.getPackageName().equals(domain)).count()).as(domain).isGreaterThan(3);
            noClasses().that().resideInAPackage(domain)
                    .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "org.apache.kafka..",
                            "org.bson..", "tools.jackson..")
                    .check(classes);
        }
    }
}
