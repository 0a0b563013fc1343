package io.npsloop.ingest.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import io.npsloop.ingest.IngestProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 413 for a body over the endpoint's limit, before any of it is parsed. A declared
 * Content-Length is checked at once; a chunked body (no length) is read up to the limit and
 * handed on from memory, so the parser never sees more than the limit either way. The CSV import
 * streams large files by design and sets its own bounds, so it is not limited here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodySizeLimitFilter extends OncePerRequestFilter {

    static final String BATCH_PATH = "/api/v1/responses/batch";
    static final String IMPORT_PATH = "/api/v1/responses/import";
    static final String OUTCOMES_BATCH_PATH = "/api/v1/outcomes/batch";
    static final String OUTCOMES_IMPORT_PATH = "/api/v1/outcomes/import";

    private final long maxBodySize;
    private final long maxBatchBodySize;
    private final ProblemResponses problems;

    BodySizeLimitFilter(IngestProperties properties, ProblemResponses problems) {
        this.maxBodySize = properties.limits().maxBodySize().toBytes();
        this.maxBatchBodySize = properties.limits().maxBatchBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return !path.startsWith("/api/") || path.equals(IMPORT_PATH) || path.equals(OUTCOMES_IMPORT_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = path(request);
        long limit = path.equals(BATCH_PATH) || path.equals(OUTCOMES_BATCH_PATH) ? maxBatchBodySize : maxBodySize;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(response, limit);
            return;
        }
        if (declared >= 0) {
            // The container delivers no more than the declared length.
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            tooLarge(response, limit);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        response.setHeader("Connection", "close");
        problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "The body exceeds the limit of " + limit + " bytes for this endpoint.");
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** A request whose body was read up front, within the limit. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("Blocking reads only");
                }

                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
