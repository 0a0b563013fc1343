package io.npsloop.followup.cases.messaging;

import java.util.function.Consumer;

import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.ResponseScored;
import io.npsloop.followup.cases.CaseOpening;
import io.npsloop.followup.cases.LoopClosure;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kafka edge of follow-up: alerts and scored answers in, case events out. Wiring is in followup-service.yml. */
@Configuration(proxyBeanMethods = false)
class FollowupFunctions {

    @Bean
    Consumer<DetractorAlertRaised> openCases(CaseOpening opening) {
        return opening::open;
    }

    @Bean
    Consumer<ResponseScored> closeLoops(LoopClosure closure) {
        return closure::answered;
    }
}
