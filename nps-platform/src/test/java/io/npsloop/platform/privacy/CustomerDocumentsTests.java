package io.npsloop.platform.privacy;

import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerDocumentsTests {

    @Test
    void twoDocumentsOfOneErasedCustomerBecomeOneWithNothingOfEitherLost() {
        Document moved = new Document("_id", "erased-1").append("caseIds", List.of("case-2", "case-3"))
                .append("answers", new Document("b", 7)).append("latest", "alert-2").append("contact", null);
        Document existing = new Document("_id", "erased-1").append("caseIds", List.of("case-1", "case-2"))
                .append("answers", new Document("a", 3)).append("latest", "alert-1").append("since", 2024);

        Document merged = CustomerDocuments.merge(existing, moved);

        assertThat(merged.getList("caseIds", String.class)).containsExactly("case-1", "case-2", "case-3");
        assertThat(merged.get("answers", Document.class)).isEqualTo(new Document("a", 3).append("b", 7));
        assertThat(merged.getString("latest")).as("the later write wins").isEqualTo("alert-2");
        assertThat(merged.getInteger("since")).isEqualTo(2024);
        assertThat(merged.containsKey("contact")).isTrue();
        assertThat(merged.get("contact")).isNull();
    }
}
