package io.gatehouse.devstack;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One instance per key per JVM, kept in the root {@link ExtensionContext.Store}: started on first use, closed by
 * JUnit when the root context closes (the end of the test run in this JVM).
 */
final class SharedInstances {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create("io.gatehouse.devstack");

    private SharedInstances() {}

    static <T extends AutoCloseable> T get(ExtensionContext context, String key, Class<T> type, Supplier<T> start) {
        // getOrComputeIfAbsent on the root store is synchronized: parallel classes share one instance.
        Holder holder = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> new Holder(start.get()), Holder.class);
        return type.cast(holder.instance());
    }

    /** Closed by JUnit with the root store. */
    @SuppressWarnings("deprecation") // CloseableResource: still honoured, and explicit about who closes what
    private record Holder(AutoCloseable instance) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            instance.close();
        }
    }
}
