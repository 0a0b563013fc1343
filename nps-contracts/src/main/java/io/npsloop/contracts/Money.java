package io.npsloop.contracts;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * An amount in an ISO 4217 currency. The amount travels as a decimal string so that no JSON
 * reader turns it into a binary floating-point number on the way.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {
}
