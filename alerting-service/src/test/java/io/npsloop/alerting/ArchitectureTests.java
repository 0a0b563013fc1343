package io.npsloop.alerting;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The domain packages stay plain Java: no Spring, MongoDB, Kafka or HTTP client types. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.npsloop.alerting");

    @ParameterizedTest
    @ValueSource(strings = {"io.npsloop.alerting.rules", "io.npsloop.alerting.alerts", "io.npsloop.alerting.notifications"})
    void domainPackageDependsOnNoFrameworkAndIsNotEmpty(String domainPackage) {
        assertThat(CLASSES.stream().filter(c -> c.getPackageName().equals(domainPackage)).count())
                .as("classes in %s", domainPackage).isGreaterThan(3);

        noClasses().that().resideInAPackage(domainPackage)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..",
                        "org.apache.kafka..", "org.apache.hc..", "jakarta.mail..", "tools.jackson..")
                .check(CLASSES);
    }
}
