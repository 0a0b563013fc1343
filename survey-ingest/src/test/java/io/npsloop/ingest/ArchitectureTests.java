package io.npsloop.ingest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** The feature packages hold the rules in plain Java; Spring, MongoDB and Kafka stay in their adapter sub-packages. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.npsloop.ingest");

    @ParameterizedTest
    @ValueSource(strings = {"io.npsloop.ingest.responses", "io.npsloop.ingest.apikeys"})
    void featurePackageIsFreeOfFrameworks(String featurePackage) {
        assertThat(CLASSES.stream().anyMatch(type -> type.getPackageName().equals(featurePackage)))
                .as("the guarded package %s exists", featurePackage)
                .isTrue();
        noClasses().that().resideInAPackage(featurePackage)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "com.mongodb..", "org.bson..", "org.apache.kafka..", "io.micrometer..", "jakarta..")
                .check(CLASSES);
    }
}
