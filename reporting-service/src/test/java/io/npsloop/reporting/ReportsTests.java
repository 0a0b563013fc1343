package io.npsloop.reporting;

import java.util.List;
import java.util.Map;

import io.npsloop.reporting.reports.Percentiles;
import io.npsloop.reporting.reports.ThemeLexicon;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTests {

    @Test
    void themeKeywordsMatchAcrossWidthsCaseAndScripts() {
        ThemeLexicon lexicon = new ThemeLexicon(Map.of("price", List.of("Price", "値段")));
        assertThat(lexicon.mentions("price", "ＰＲＩＣＥ went up")).isTrue();
        assertThat(lexicon.mentions("price", "値段が高い")).isTrue();
        assertThat(lexicon.mentions("price", "great service")).isFalse();
        assertThat(lexicon.mentions("price", null)).isFalse();
    }

    @Test
    void nearestRankPercentilesAreObservedValues() {
        List<Long> values = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(Percentiles.nearestRank(values, 0.5)).isEqualTo(5L);
        assertThat(Percentiles.nearestRank(values, 0.9)).isEqualTo(9L);
        assertThat(Percentiles.nearestRank(List.of(42L), 0.9)).isEqualTo(42L);
        assertThat(Percentiles.nearestRank(List.of(), 0.5)).isNull();
    }
}
