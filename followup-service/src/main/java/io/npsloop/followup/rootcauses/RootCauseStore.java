package io.npsloop.followup.rootcauses;

import java.util.List;
import java.util.Optional;

/** The managed taxonomy, one document per category id. */
public interface RootCauseStore {

    List<RootCause> all();

    Optional<RootCause> find(String id);

    /** Creates the category; false if the id is taken. */
    boolean create(RootCause rootCause);

    boolean rename(String id, String name);

    boolean deactivate(String id);
}
