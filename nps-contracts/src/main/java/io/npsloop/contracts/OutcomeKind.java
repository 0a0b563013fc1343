package io.npsloop.contracts;

/** What happened to a customer's business: churn ({@code CANCELLED}, {@code DOWNGRADED}) or retention ({@code RENEWED}). */
public enum OutcomeKind {
    CANCELLED, DOWNGRADED, RENEWED
}
