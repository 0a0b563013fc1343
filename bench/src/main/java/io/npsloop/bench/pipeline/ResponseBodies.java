package io.npsloop.bench.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Survey responses as the ingest API takes them: scores 0-10 uniformly (so about 7 in 11 are
 * detractors), four channels, three attribute dimensions, answer times spread over the last 25 days
 * (inside every 30-day figure), about 300 bytes of JSON each. Deterministic for a seed.
 */
final class ResponseBodies {

    static final List<String> CHANNELS = List.of("email", "web", "in_app", "sms");
    static final List<String> REGIONS = List.of("EMEA", "AMER", "APAC", "LATAM");
    static final List<String> PRODUCTS = List.of("core", "pro", "teams", "mobile", "api");
    static final List<String> PLANS = List.of("free", "basic", "business");
    static final String SURVEY = "relationship-2026";

    private static final Duration SPREAD = Duration.ofDays(25);

    private final String prefix;
    private final SplittableRandom random;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final int customers;

    /** @param customers distinct customer ids to draw from; 0 gives every response a customer of its own */
    ResponseBodies(String prefix, long seed, int customers) {
        this.prefix = prefix;
        this.random = new SplittableRandom(seed);
        this.customers = customers;
    }

    /** The i-th response; {@code score} is drawn unless given (>= 0). */
    Body next(int index, int score) {
        int drawn = score >= 0 ? score : random.nextInt(11);
        String customer = customers == 0 ? prefix + "-c" + index : prefix + "-c" + random.nextInt(customers);
        Instant respondedAt = now.minusSeconds(random.nextLong(SPREAD.toSeconds()));
        String json = "{\"responseId\":\"" + prefix + "-" + index + "\",\"customerId\":\"" + customer + "\",\"score\":" + drawn
                + ",\"surveyId\":\"" + SURVEY + "\",\"channel\":\"" + pick(CHANNELS) + "\",\"respondedAt\":\"" + respondedAt
                + "\",\"comment\":\"Benchmark answer " + index + ": delivery and support as usual.\""
                + ",\"attributes\":{\"region\":\"" + pick(REGIONS) + "\",\"product\":\"" + pick(PRODUCTS) + "\",\"plan\":\""
                + pick(PLANS) + "\"}}";
        return new Body(prefix + "-" + index, drawn, json);
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A batch request body of the given responses. */
    static String batch(List<Body> bodies) {
        StringBuilder json = new StringBuilder(bodies.size() * 360).append("{\"responses\":[");
        for (int i = 0; i < bodies.size(); i++) {
            json.append(i == 0 ? "" : ",").append(bodies.get(i).json());
        }
        return json.append("]}").toString();
    }

    record Body(String responseId, int score, String json) {

        boolean detractor() {
            return score <= 6;
        }
    }
}
