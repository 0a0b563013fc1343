package io.npsloop.alerting.alerts;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import io.npsloop.alerting.rules.AlertRule;
import io.npsloop.alerting.rules.DefaultRules;
import io.npsloop.alerting.rules.NotificationTarget;
import io.npsloop.contracts.DetractorAlertRaised;
import io.npsloop.contracts.Money;
import io.npsloop.contracts.ResponseScored;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static io.npsloop.alerting.Responses.T0;
import static io.npsloop.alerting.Responses.detractor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch path's law: whatever the batch boundaries, copies of a response, answers out of order
 * and crashes before any write followed by a redelivery from the batch's first record, the alerts,
 * attachments, customers' open alerts, notifications and published alerts are those of the same
 * responses evaluated one after another, once.
 */
class AlertRaisingPropertyTests {

    private static final NotificationTarget OPS = new NotificationTarget("ops", NotificationTarget.Channel.WEBHOOK,
            "https://hooks.example.com/ops");
    private static final List<AlertRule> RULES = DefaultRules.standard("customer-care", "executive",
            new Money(new BigDecimal("10000"), "EUR"), Duration.ofHours(4), Duration.ofHours(24), Duration.ofHours(48), List.of(OPS));

    @Property(tries = 200)
    void batchesInAnyBoundariesWithCrashesAndRedeliveriesEndAsOnePassOneByOne(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 80) int responses) {
        Random random = new Random(seed);
        List<ResponseScored> stream = stream(random, responses);
        InMemoryAlerting oneByOne = new InMemoryAlerting();
        AlertRaising reference = raising(oneByOne);
        stream.forEach(reference::evaluate);

        InMemoryAlerting batched = new InMemoryAlerting();
        AlertRaising raising = raising(batched);
        int offset = 0;
        while (offset < stream.size()) {
            int size = Math.min(stream.size() - offset, 1 + random.nextInt(25));
            if (random.nextInt(5) == 0) {
                batched.writesBeforeCrash = random.nextInt(8);
            }
            try {
                raising.evaluateAll(stream.subList(offset, offset + size));
                offset += size;
            } catch (IllegalStateException died) {
                // Nothing of the batch was committed: it comes again from its first record, maybe in other boundaries.
            } finally {
                batched.writesBeforeCrash = -1;
            }
        }

        assertThat(batched.alerts).isEqualTo(oneByOne.alerts);
        assertThat(batched.attachments).isEqualTo(oneByOne.attachments);
        assertThat(batched.customers).isEqualTo(oneByOne.customers);
        assertThat(batched.notifications).isEqualTo(oneByOne.notifications);
        assertThat(batched.scored).isEqualTo(oneByOne.scored);
        // A crash between publishing and marking publishes again (consumers drop the copy by its event id); nothing is missing.
        assertThat(ids(batched.published)).isEqualTo(ids(oneByOne.published));
        assertThat(oneByOne.published).hasSameSizeAs(ids(oneByOne.published));
    }

    /** One partition's records: a few customers, answers over three weeks in any order, copies of earlier records. */
    private static List<ResponseScored> stream(Random random, int size) {
        List<ResponseScored> stream = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (!stream.isEmpty() && random.nextInt(5) == 0) {
                stream.add(stream.get(random.nextInt(stream.size())));
                continue;
            }
            stream.add(detractor().id("r-" + i).customer("c-" + random.nextInt(4)).score(random.nextInt(11))
                    .at(T0.plus(Duration.ofHours(random.nextInt(21 * 24)))).build());
        }
        return stream;
    }

    private static AlertRaising raising(InMemoryAlerting memory) {
        return new AlertRaising(() -> RULES, memory, memory, memory, memory, memory, new OpenAlertWindow(Duration.ofDays(7)),
                Clock.fixed(T0.plusSeconds(5), ZoneOffset.UTC));
    }

    private static Set<String> ids(List<DetractorAlertRaised> alerts) {
        return alerts.stream().map(DetractorAlertRaised::alertId).collect(Collectors.toSet());
    }
}
