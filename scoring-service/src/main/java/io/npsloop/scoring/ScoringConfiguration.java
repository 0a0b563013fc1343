package io.npsloop.scoring;

import java.time.Clock;

import io.npsloop.scoring.nps.NpsFigures;
import io.npsloop.scoring.nps.ResponseScoring;
import io.npsloop.scoring.nps.ScoringDecision;
import io.npsloop.scoring.nps.ScoringEvents;
import io.npsloop.scoring.nps.ScoringStore;
import io.npsloop.scoring.nps.SegmentCap;
import io.npsloop.scoring.nps.SegmentValues;
import io.npsloop.scoring.nps.Segmentation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ScoringConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Segmentation segmentation(ScoringProperties properties) {
        return new Segmentation(properties.attributeDimensions());
    }

    @Bean
    ResponseScoring responseScoring(Segmentation segmentation, SegmentValues segmentValues, ScoringProperties properties,
            ScoringStore store, ScoringEvents events, Clock clock) {
        ScoringDecision decision = new ScoringDecision(segmentation,
                new SegmentCap(segmentValues, properties.maxValuesPerDimension()), properties.timeZone());
        return new ResponseScoring(decision, store, events, clock, properties.significanceRules());
    }

    @Bean
    NpsFigures npsFigures(ScoringStore store, SegmentValues segmentValues, ScoringProperties properties) {
        return new NpsFigures(store, segmentValues, properties.significanceRules());
    }
}
