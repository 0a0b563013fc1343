package io.npsloop.ingest;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of {@code POST /api/v1/responses/import}.
 *
 * @param maxListedRejections rejected rows listed in the report with their errors (all are counted)
 * @param maxRows rows one file may hold; a longer file stops there with 400 and the report so far
 * @param maxRecordChars characters one CSV record may span, so one endless field cannot exhaust memory
 * @param delightedCustomerIdColumn the person-property column of a Delighted export that holds the
 *        customer id; rows without it use the respondent's email
 * @param delightedAttributeColumns property columns of a Delighted export that become attributes;
 *        empty means every property column
 * @param chunkSize rows handed to the intake at once: written to the ledger in one go and published
 *        together; also the most checked rows held in memory
 */
@ConfigurationProperties("nps.ingest.import")
public record ImportProperties(
        @DefaultValue("100") int maxListedRejections,
        @DefaultValue("1000000") long maxRows,
        @DefaultValue("65536") int maxRecordChars,
        @DefaultValue("Customer ID") String delightedCustomerIdColumn,
        @DefaultValue List<String> delightedAttributeColumns,
        @DefaultValue("500") int chunkSize) {
}
