package io.npsloop.platform.privacy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.messaging.DirectWithAttributesChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.node.ObjectNode;

/**
 * Holds an erasure for what reaches a service after it: on the input channel of each consumer
 * binding except {@code erasures}, around the handler of every record whose JSON names a
 * {@code customerId}.
 * <ul>
 * <li>Before the handler: if the customer is on the service's {@link ErasedCustomers} record, the
 *     handler gets the record pseudonymised as the stores are ({@link PseudonymisedJson}): it
 *     stores and publishes no personal data, and what it stores joins the customer's erased
 *     documents. After it, the service's erasers run for the customer once more, in case an earlier
 *     delivery of the record (before a crash or a retry) stored it in full.</li>
 * <li>After the handler, for a record that was not pseudonymised: the customer is looked up again,
 *     and if they have been erased meanwhile, the erasers run again. The erasure consumer puts the
 *     customer on record before it runs the erasers, so either this look-up sees them, or the
 *     erasure's own pass ran after the handler's writes and found them.</li>
 * </ul>
 * A failing look-up or erasure fails the record as a failing handler does (retried, then
 * dead-lettered); a payload that is not a JSON object passes through untouched for the handler to
 * accept or refuse. Nothing here logs a customer id.
 */
public class ErasureOnArrival implements ChannelInterceptor {

    /** Marks a record pseudonymised before its handler; the value never prints the customer. */
    static final String PSEUDONYMISED = "nps_pseudonymisedOnArrival";

    private static final Logger log = LoggerFactory.getLogger(ErasureOnArrival.class);

    private final ErasedCustomers erased;
    private final List<PersonalDataEraser> erasers;

    public ErasureOnArrival(ErasedCustomers erased, List<PersonalDataEraser> erasers) {
        this.erased = erased;
        this.erasers = List.copyOf(erasers);
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (inputBinding(channel) == null) {
            return message;
        }
        ObjectNode event = PseudonymisedJson.parse(message.getPayload());
        String customerId = event == null ? null : PseudonymisedJson.customerId(event);
        if (customerId == null) {
            return message;
        }
        Optional<String> replacement = erased.replacementFor(customerId);
        if (replacement.isEmpty()) {
            return message;
        }
        Object payload = PseudonymisedJson.pseudonymise(event, message.getPayload(), customerId, replacement.get());
        return MessageBuilder.withPayload(payload)
                .copyHeaders(message.getHeaders())
                .setHeader(PSEUDONYMISED, new Pseudonymised(customerId, replacement.get()))
                .build();
    }

    @Override
    public void postSend(Message<?> message, MessageChannel channel, boolean sent) {
        String binding = inputBinding(channel);
        if (binding == null) {
            return;
        }
        if (message.getHeaders().get(PSEUDONYMISED) instanceof Pseudonymised pseudonymised) {
            eraseAgain(binding, pseudonymised.customerId, pseudonymised.replacement, "was pseudonymised on arrival");
            return;
        }
        ObjectNode event = PseudonymisedJson.parse(message.getPayload());
        String customerId = event == null ? null : PseudonymisedJson.customerId(event);
        if (customerId != null) {
            erased.replacementFor(customerId)
                    .ifPresent(replacement -> eraseAgain(binding, customerId, replacement, "came in while the customer was erased"));
        }
    }

    private void eraseAgain(String binding, String customerId, String replacement, String why) {
        eraseAgain(erasers, binding, customerId, replacement, why);
    }

    /** Runs the service's erasers for a customer once more, logging what they changed, never the customer. */
    static void eraseAgain(List<PersonalDataEraser> erasers, String binding, String customerId, String replacement, String why) {
        Map<String, Long> erasedNow = PersonalDataEraser.eraseAll(erasers, customerId, replacement);
        if (erasedNow.values().stream().anyMatch(n -> n > 0)) {
            log.info("A record on {} {}; erased again: {}", binding, why, erasedNow);
        }
    }

    /** The binding whose input channel this is, or null for any other channel and for the erasures binding. */
    private static @Nullable String inputBinding(MessageChannel channel) {
        if (channel instanceof DirectWithAttributesChannel binding && "input".equals(binding.getAttribute("type"))
                && !ErasureConfiguration.INPUT_BINDING.equals(binding.getBeanName())) {
            return binding.getBeanName();
        }
        return null;
    }

    /** Who a pseudonymised record was about, for the pass after its handler; printed without them. */
    record Pseudonymised(String customerId, String replacement) {

        @Override
        public String toString() {
            return "pseudonymised";
        }
    }
}
