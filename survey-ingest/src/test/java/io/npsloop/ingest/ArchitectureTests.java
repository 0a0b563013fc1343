package io.npsloop.ingest;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages hold the rules in plain Java; Spring, MongoDB, Kafka and the servlet API stay
 * in their adapter sub-packages ({@code web}, {@code mongo}, {@code messaging}, {@code http},
 * {@code metrics}). Bean Validation is allowed: its annotations on {@code ResponseRequest} are the
 * rules of a submitted response, checked alike on every intake path. Nothing outside an HTTP adapter
 * depends on one: the CSV import and the webhooks take their response shape and its check from the
 * {@code responses} feature, not from the API's web package.
 */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.npsloop.ingest");

    private static final DescribedPredicate<JavaClass> FRAMEWORKS = resideInAnyPackage(
            "org.springframework..", "com.mongodb..", "org.bson..", "org.apache.kafka..", "io.micrometer..", "io.swagger..")
            .or(resideInAPackage("jakarta..").and(DescribedPredicate.not(resideInAPackage("jakarta.validation.."))))
            .as("a framework (Spring, MongoDB, Kafka, Micrometer, OpenAPI, Jakarta other than Bean Validation)");

    @ParameterizedTest
    @ValueSource(strings = {"io.npsloop.ingest.responses", "io.npsloop.ingest.apikeys", "io.npsloop.ingest.erasures",
            "io.npsloop.ingest.imports", "io.npsloop.ingest.webhooks", "io.npsloop.ingest.outcomes"})
    void featurePackageIsFreeOfFrameworks(String featurePackage) {
        assertThat(CLASSES.stream().anyMatch(type -> type.getPackageName().equals(featurePackage)))
                .as("the guarded package %s exists", featurePackage)
                .isTrue();
        noClasses().that().resideInAPackage(featurePackage)
                .should().dependOnClassesThat(FRAMEWORKS)
                .check(CLASSES);
    }

    @Test
    void onlyHttpAdaptersDependOnHttpAdapters() {
        noClasses().that().resideOutsideOfPackage("io.npsloop.ingest..web..")
                .should().dependOnClassesThat().resideInAPackage("io.npsloop.ingest..web..")
                .check(CLASSES);
    }
}
