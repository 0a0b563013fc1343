package io.npsloop.ingest.apikeys.web;

import jakarta.servlet.http.HttpServletRequest;

/** The source name of the API key that authenticated a request, as {@link ApiKeyFilter} left it on the request. */
public final class AuthenticatedSource {

    /** Request attribute holding the source name; usable with {@code @RequestAttribute}. */
    public static final String ATTRIBUTE = "io.npsloop.ingest.source";

    private AuthenticatedSource() {
    }

    public static String of(HttpServletRequest request) {
        Object source = request.getAttribute(ATTRIBUTE);
        if (source instanceof String name) {
            return name;
        }
        throw new IllegalStateException("No API key authenticated " + request.getRequestURI());
    }
}
