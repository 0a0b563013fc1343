package io.npsloop.followup;

import java.time.Clock;

import io.npsloop.followup.cases.CaseEvents;
import io.npsloop.followup.cases.CaseOpening;
import io.npsloop.followup.cases.CaseStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FollowupConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CaseOpening caseOpening(CaseStore store, CaseEvents events, Clock clock) {
        return new CaseOpening(store, events, clock);
    }
}
