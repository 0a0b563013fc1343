package io.npsloop.scoring;

import java.time.Clock;

import io.npsloop.scoring.nps.ResponseScoring;
import io.npsloop.scoring.nps.ScoringDecision;
import io.npsloop.scoring.nps.ScoringEvents;
import io.npsloop.scoring.nps.ScoringStore;
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
    ResponseScoring responseScoring(Segmentation segmentation, ScoringProperties properties, ScoringStore store,
            ScoringEvents events, Clock clock) {
        return new ResponseScoring(new ScoringDecision(segmentation, properties.timeZone()), store, events, clock);
    }
}
