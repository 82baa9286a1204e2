package io.gatehouse.devstack.internal;

import java.util.ArrayList;
import java.util.List;

/** JVM flags that let the broker read JDK metrics and use native code without warnings on JDK 21+. */
public final class JvmFlags {
    private JvmFlags() {}

    /** For a child JVM running the same JDK as this one. */
    public static List<String> forBroker() {
        List<String> flags = new ArrayList<>(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.platform=ALL-UNNAMED",
                "--add-opens=java.management/sun.management=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            // Netty and BookKeeper still use sun.misc.Unsafe memory access (JEP 498 warns from JDK 24 on).
            flags.add("--sun-misc-unsafe-memory-access=allow");
        }
        return flags;
    }
}
