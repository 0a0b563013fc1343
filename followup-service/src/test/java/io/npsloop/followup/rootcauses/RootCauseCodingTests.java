package io.npsloop.followup.rootcauses;

import java.util.List;
import java.util.Optional;

import io.npsloop.contracts.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RootCauseCodingTests {

    private final RootCauseCoding coding = new RootCauseCoding(new Taxonomy(List.of(
            new RootCause("price", "Price", true), new RootCause("delivery", "Delivery", true),
            new RootCause("fax", "Fax support", false), new RootCause(RootCause.OTHER, "Other", true))));

    @Test
    void aCodingOfActiveCategoriesBreaksNoRule() {
        assertThat(coding.check(List.of("price", "delivery"), null)).isEmpty();
        assertThat(coding.check(List.of("price", "other"), "courier rang twice")).isEmpty();
    }

    @Test
    void noCategoryIsRefusedAlone() {
        assertThat(coding.check(List.of(), "text")).containsExactly(
                new FieldProblem("categories", "at least one category is required"));
    }

    @Test
    void everyBadCategoryAndAMissingOtherTextAreNamedByTheirField() {
        assertThat(coding.check(List.of("price", "no-such", "fax", "other"), " "))
                .extracting(FieldProblem::field)
                .containsExactly("categories[1]", "categories[2]", "otherText");
    }

    @Test
    void aCategoryTwiceIsCodedOnceInItsFirstPlaceAndTheOtherTextOnlyWithOther() {
        assertThat(RootCauseCoding.of(List.of("delivery", "price", "delivery"), "ignored"))
                .isEqualTo(new RootCauseCoding.Coding(List.of("delivery", "price"), null));
        assertThat(RootCauseCoding.of(List.of("other", "price"), "  courier rang twice "))
                .isEqualTo(new RootCauseCoding.Coding(List.of("other", "price"), "courier rang twice"));
    }

    @Test
    void recodingReplacesOtherByThePromotedCategoryOnceAndDropsTheText() {
        assertThat(RootCauseCoding.codedOther(List.of("price"))).isFalse();
        assertThat(RootCauseCoding.recoded(List.of("other", "price"), "wrong-address"))
                .isEqualTo(new RootCauseCoding.Coding(List.of("wrong-address", "price"), null));
        assertThat(RootCauseCoding.recoded(List.of("price", "other"), "price"))
                .isEqualTo(new RootCauseCoding.Coding(List.of("price"), null));
    }

    /** A fixed taxonomy: the coding only looks categories up. */
    private record Taxonomy(List<RootCause> categories) implements RootCauseStore {

        @Override
        public List<RootCause> all() {
            return categories;
        }

        @Override
        public Optional<RootCause> find(String id) {
            return categories.stream().filter(r -> r.id().equals(id)).findFirst();
        }

        @Override
        public boolean create(RootCause rootCause) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean rename(String id, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deactivate(String id) {
            throw new UnsupportedOperationException();
        }
    }
}
