package io.npsloop.scoring.nps.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.npsloop.scoring.ScoringProperties;
import io.npsloop.statistics.DayRange;
import io.npsloop.statistics.Granularity;
import io.npsloop.scoring.nps.NpsComparison;
import io.npsloop.scoring.nps.NpsFigure;
import io.npsloop.scoring.nps.NpsFigures;
import io.npsloop.scoring.nps.Segment;
import io.npsloop.scoring.nps.Segmentation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * NPS figures for operators, each with n and its margin of error. "Today" is the current day in the
 * scoring time zone. Parameters are described in {@link NpsQuery} and in the service README.
 */
@RestController
@RequestMapping("/api/v1/nps")
class NpsController {

    private static final String DEFAULT_WINDOW = "30d";
    private static final String DEFAULT_TREND_WINDOW = "90d";

    private final NpsFigures figures;
    private final Segmentation segmentation;
    private final ScoringProperties properties;
    private final Clock clock;

    NpsController(NpsFigures figures, Segmentation segmentation, ScoringProperties properties, Clock clock) {
        this.figures = figures;
        this.segmentation = segmentation;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping
    NpsFigure figure(@RequestParam Map<String, String> params) {
        NpsQuery query = NpsQuery.of(params);
        Segment segment = query.segment(segmentation);
        DayRange range = query.range(today(), DEFAULT_WINDOW);
        query.validate();
        return figures.figure(segment, range);
    }

    @GetMapping("/trend")
    List<NpsFigure> trend(@RequestParam Map<String, String> params) {
        NpsQuery query = NpsQuery.of(params);
        Segment segment = query.segment(segmentation);
        DayRange range = query.range(today(), DEFAULT_TREND_WINDOW);
        Granularity granularity = null;
        try {
            granularity = Granularity.parse(params.getOrDefault("granularity", "day"));
        } catch (IllegalArgumentException e) {
            query.problem("granularity", "must be day, week or month");
        }
        query.validate();
        return figures.trend(segment, range, granularity);
    }

    /**
     * Two figures and whether they differ significantly. The second figure takes the
     * {@code other}-prefixed parameters, defaulting to the first figure's segment (or dimension, when
     * only {@code otherValue} is given) and to the same
     * number of days just before the first range ({@code otherWindow=previous} says so explicitly).
     */
    @GetMapping("/compare")
    NpsComparison compare(@RequestParam Map<String, String> params) {
        NpsQuery query = NpsQuery.of(params);
        NpsQuery other = query.other();
        Segment segment = query.segment(segmentation);
        DayRange range = query.range(today(), DEFAULT_WINDOW);
        Segment otherSegment = other.hasAny("dimension", "value")
                ? other.segment(segmentation, segment == null ? null : segment.dimension()) : segment;
        boolean previous = "previous".equalsIgnoreCase(params.getOrDefault("otherWindow", "previous").trim())
                && !other.hasAny("period", "date", "from", "to");
        DayRange otherRange = previous ? (range == null ? null : range.previous()) : other.range(today(), DEFAULT_WINDOW);
        if (segment != null && segment.equals(otherSegment) && range != null && range.equals(otherRange)) {
            other.problem("window", "compares a figure with itself; give another range or segment");
        }
        query.validate();
        return figures.compare(segment, range, otherSegment, otherRange);
    }

    /** Every value of a dimension with its figure, largest n first. */
    @GetMapping("/segments")
    List<NpsFigure> segments(@RequestParam Map<String, String> params) {
        NpsQuery query = NpsQuery.of(params);
        String dimension = query.dimension(segmentation);
        DayRange range = query.range(today(), DEFAULT_WINDOW);
        query.validate();
        return figures.segments(dimension, range);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(properties.timeZone()));
    }
}
