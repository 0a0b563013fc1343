package io.npsloop.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.npsloop.contracts.Category;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class NpsTallyPropertyTests {

    @Property
    void npsStaysWithinMinusAndPlusAHundred(@ForAll List<Category> answers) {
        NpsTally tally = tallyOf(answers);

        assertThat(tally.nps()).isBetween(-100.0, 100.0);
        assertThat(tally.standardError()).isBetween(0.0, 100.0);
        assertThat(tally.marginOfError()).isGreaterThanOrEqualTo(0.0);
        NpsInterval interval = tally.interval();
        if (tally.n() == 0) {
            assertThat(interval).isNull();
        } else {
            assertThat(interval.lower()).isBetween(-100.0, interval.upper());
            assertThat(interval.upper()).isLessThanOrEqualTo(100.0);
        }
    }

    @Property
    void orderOfResponsesIsIrrelevant(@ForAll List<Category> answers, @ForAll long seed) {
        List<Category> shuffled = new ArrayList<>(answers);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(tallyOf(shuffled)).isEqualTo(tallyOf(answers));
    }

    @Property
    void tallyOfAUnionEqualsTheMergedTallies(@ForAll List<Category> first, @ForAll List<Category> second) {
        List<Category> union = new ArrayList<>(first);
        union.addAll(second);

        assertThat(tallyOf(union)).isEqualTo(tallyOf(first).plus(tallyOf(second)));
        assertThat(tallyOf(union).nps()).isEqualTo(tallyOf(first).plus(tallyOf(second)).nps());
    }

    /** Responses are identified: a second copy of one already counted replaces it and changes nothing. */
    @Property
    void aDuplicateChangesNothing(@ForAll @Size(min = 1) List<Category> answers, @ForAll @IntRange(min = 0, max = 1000) int pick) {
        Map<String, Category> byResponseId = new LinkedHashMap<>();
        for (int i = 0; i < answers.size(); i++) {
            byResponseId.put("r-" + i, answers.get(i));
        }
        NpsTally before = tallyOf(List.copyOf(byResponseId.values()));
        int duplicate = pick % answers.size();

        byResponseId.put("r-" + duplicate, answers.get(duplicate));

        assertThat(tallyOf(List.copyOf(byResponseId.values()))).isEqualTo(before);
    }

    @Property
    void differenceIsSymmetric(@ForAll List<Category> first, @ForAll List<Category> second) {
        NpsDifference forward = tallyOf(first).compareWith(tallyOf(second));
        NpsDifference backward = tallyOf(second).compareWith(tallyOf(first));

        if (!forward.defined()) {
            assertThat(backward).isEqualTo(NpsDifference.UNDEFINED);
            return;
        }
        assertThat(forward.difference()).isEqualTo(-backward.difference());
        assertThat(forward.standardError()).isEqualTo(backward.standardError());
        assertThat(forward.pValue()).isCloseTo(backward.pValue(), within(1e-12));
        assertThat(forward.lower()).isCloseTo(-backward.upper(), within(1e-9));
    }

    private static NpsTally tallyOf(List<Category> answers) {
        NpsTally tally = NpsTally.EMPTY;
        for (Category answer : answers) {
            tally = tally.plus(NpsTally.of(answer));
        }
        return tally;
    }
}
