package org.shopsuite.bench.load;

import java.io.IOException;

/** What each client of a run does, call after call (a closed loop: a client sends its next call when one ends). */
public interface Workload {

    /** Client {@code index} of {@code clients}, with its own connection; made before the clock starts. */
    Client client(int index, int clients) throws IOException;

    interface Client extends AutoCloseable {

        /** One timed call. An IOException counts as {@link Outcome#IO_ERROR}. */
        Outcome call() throws IOException;

        @Override
        default void close() {
        }
    }
}
