package io.npsloop.platform.messaging;

import java.util.List;
import java.util.Set;

import tools.jackson.databind.node.ObjectNode;

/**
 * Wraps the handling of each batch of checked records: {@link #before} may rewrite events in place
 * (and says which, so they are converted again for the handler); the {@link Guarded#after} it
 * returns runs once the handler is done. Erasure on arrival is one.
 */
public interface ArrivalGuard {

    Guarded before(String binding, List<ObjectNode> events);

    /** What is left to do once the handler has written the batch. */
    interface Guarded {

        /** The indexes of the events {@link #before} rewrote. */
        Set<Integer> rewritten();

        void after();
    }
}
