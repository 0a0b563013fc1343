package io.npsloop.scoring.nps.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.npsloop.scoring.ScoringProperties;
import io.npsloop.scoring.nps.NpsFigure;
import io.npsloop.scoring.nps.ScoringStore;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.Segmentation;
import io.npsloop.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Current NPS of a segment over a rolling window ending today, with n and margin of error. */
@RestController
@RequestMapping("/api/v1/nps")
class NpsController {

    private static final Pattern WINDOW = Pattern.compile("([1-9][0-9]{0,3})d");
    private static final int MAX_WINDOW_DAYS = 3660;

    private final ScoringStore store;
    private final Segmentation segmentation;
    private final ScoringProperties properties;
    private final Clock clock;

    NpsController(ScoringStore store, Segmentation segmentation, ScoringProperties properties, Clock clock) {
        this.store = store;
        this.segmentation = segmentation;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    NpsFigure current(@RequestParam(defaultValue = "30d") String window,
            @RequestParam(required = false) @Nullable String dimension,
            @RequestParam(required = false) @Nullable String value) {
        Matcher matcher = WINDOW.matcher(window);
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) > MAX_WINDOW_DAYS) {
            throw new InvalidRequestException("window", "must be a number of days such as 7d, 30d or 90d, at most " + MAX_WINDOW_DAYS + "d");
        }
        Segment segment = segment(dimension, value);
        LocalDate to = LocalDate.now(clock.withZone(properties.timeZone()));
        LocalDate from = to.minusDays(Integer.parseInt(matcher.group(1)) - 1L);
        return NpsFigure.of(segment, from, to, store.sum(segment, from, to));
    }

    private Segment segment(@Nullable String dimension, @Nullable String value) {
        if (dimension == null && value == null) {
            return Segment.OVERALL;
        }
        if (dimension == null || value == null) {
            throw new InvalidRequestException(dimension == null ? "dimension" : "value", "dimension and value go together");
        }
        if (!segmentation.isDimension(dimension)) {
            throw new InvalidRequestException("dimension", "is not a configured segment dimension");
        }
        return new Segment(dimension, value);
    }
}
