package io.npsloop.followup.rootcauses;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/** The taxonomy's seed list and how a category name becomes an id. */
public final class RootCauseTaxonomy {

    /** The categories every installation starts with, from the programme's practice. */
    public static final List<RootCause> SEED = List.of(
            new RootCause("product-quality", "Product quality", true),
            new RootCause("delivery", "Delivery", true),
            new RootCause("price", "Price", true),
            new RootCause("customer-service", "Customer service", true),
            new RootCause("billing", "Billing", true),
            new RootCause("usability", "Website or app usability", true),
            new RootCause("missing-feature", "Missing feature", true),
            new RootCause("not-valued", "Feeling not valued", true),
            new RootCause(RootCause.OTHER, "Other", true));

    private RootCauseTaxonomy() {
    }

    /** Seeds the categories that are missing; running it again changes nothing. */
    public static void seed(RootCauseStore store) {
        for (RootCause rootCause : SEED) {
            store.create(rootCause);
        }
    }

    /**
     * An id from a name: lower case, runs of anything but letters and digits become one hyphen.
     * Letters of any script stay, so a Chinese name gets a Chinese id rather than an empty one.
     */
    public static String idOf(String name) {
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return normalized.replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-+)|(-+$)", "");
    }
}
