package io.npsloop.alerting.rules;

import io.npsloop.contracts.ChurnRiskUpdated;
import org.jspecify.annotations.Nullable;

/** The latest churn model received, shared by every instance of the service. */
public interface ChurnRiskStore {

    /** The latest model kept, or null before reporting published one. */
    @Nullable ChurnRiskUpdated latest();

    /**
     * Keeps {@code update} unless a model at least as recent is kept already (the topic may redeliver
     * an older record, and two instances may race): true when it was kept.
     */
    boolean keepIfNewer(ChurnRiskUpdated update);
}
