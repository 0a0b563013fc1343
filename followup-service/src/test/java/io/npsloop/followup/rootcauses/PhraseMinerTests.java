package io.npsloop.followup.rootcauses;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhraseMinerTests {

    @Test
    void recurringWordsAndTwoWordPhrasesAreSuggestedWithoutStopWords() {
        List<PhraseMiner.Suggestion> suggestions = PhraseMiner.suggest(List.of(
                "The parcel was left at the wrong address",
                "Wrong address on the label again",
                "Courier went to a wrong address"), 2, 10);

        assertThat(suggestions).extracting(PhraseMiner.Suggestion::phrase).startsWith("wrong address")
                .contains("wrong", "address").doesNotContain("the", "at");
        assertThat(suggestions.get(0).count()).isEqualTo(3);
    }

    @Test
    void chineseTextYieldsCharacterBigramsAndTrigrams() {
        List<PhraseMiner.Suggestion> suggestions = PhraseMiner.suggest(List.of(
                "快递太慢了", "这次快递太慢", "客服说快递太慢"), 3, 10);

        assertThat(suggestions).extracting(PhraseMiner.Suggestion::phrase).contains("快递", "快递太", "递太慢");
    }

    @Test
    void mixedScriptsAreSplitByScript() {
        assertThat(PhraseMiner.terms("App崩溃 crash")).contains("app", "崩溃", "crash").doesNotContain("app崩溃");
    }

    @Test
    void idsKeepLettersOfAnyScript() {
        assertThat(RootCauseTaxonomy.idOf("Wrong address!")).isEqualTo("wrong-address");
        assertThat(RootCauseTaxonomy.idOf("快递太慢")).isEqualTo("快递太慢");
    }
}
