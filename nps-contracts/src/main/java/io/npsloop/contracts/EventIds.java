package io.npsloop.contracts;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The one recipe for an event id derived from its input: the name-based UUID (version 3) of the
 * parts joined by {@code |}. Derived ids make a republished event (after a redelivery or a retry)
 * the same event, so consumers drop the copy; the parts say what makes the event unique, such as
 * {@code ("scored", responseKey, revision)} or {@code (erasureId, service)}.
 */
public final class EventIds {

    private EventIds() {
    }

    public static String derived(Object... parts) {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                name.append('|');
            }
            name.append(parts[i]);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
