package io.npsloop.ingest.responses;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where the customer answered. Sent and stored in lower case, for example {@code in_app}. */
public enum Channel {
    EMAIL, WEB, IN_APP, SMS, PHONE, CHAT, SOCIAL, KIOSK, OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Channel::wireName).toList();
    }
}
