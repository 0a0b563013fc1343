package io.npsloop.reporting.projections;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The segment values a projection keeps of an event: its attributes plus {@code channel} and
 * {@code touchpoint}, of the configured dimensions only (sources may send anything as an attribute,
 * an email address included). A dimension configured later fills in on a rebuild.
 */
public final class Segments {

    private Segments() {
    }

    public static Map<String, String> of(Map<String, String> attributes, @Nullable String channel, @Nullable String touchpoint,
            Set<String> dimensions) {
        Map<String, String> all = new LinkedHashMap<>(attributes);
        if (channel != null) {
            all.put("channel", channel);
        }
        if (touchpoint != null) {
            all.put("touchpoint", touchpoint);
        }
        all.keySet().retainAll(dimensions);
        return all;
    }
}
