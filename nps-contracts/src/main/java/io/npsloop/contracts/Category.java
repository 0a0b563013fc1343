package io.npsloop.contracts;

/** The Net Promoter category of a 0-10 answer: 9-10 promoter, 7-8 passive, 0-6 detractor. */
public enum Category {
    PROMOTER, PASSIVE, DETRACTOR
}
