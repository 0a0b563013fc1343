package io.npsloop.followup.incentives;

import io.npsloop.contracts.Money;

/** An entry of the incentive catalogue: a free month, a discount, a coupon, with what it costs. */
public record Incentive(String id, String type, String description, Money cost) {
}
