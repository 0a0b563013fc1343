package io.npsloop.followup.access;

/** No or wrong credentials on a request that acts on cases; answered with 401 and a Basic challenge. */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException(String message) {
        super(message);
    }
}
