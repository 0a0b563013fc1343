package io.npsloop.contracts;

import org.jspecify.annotations.Nullable;

/** How to reach the customer who answered. Personal data: never logged, never in reports. */
public record Contact(@Nullable String name, @Nullable String email, @Nullable String phone) {
}
