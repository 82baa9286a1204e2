package io.gatehouse.controlplane.api;

import jakarta.ws.rs.Path;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every JAX-RS resource class of the control plane (scanned from the compiled resources package). */
final class ResourceClasses {
    private static final String PACKAGE = "io.gatehouse.controlplane.api.resources";

    private ResourceClasses() {}

    static List<Class<?>> all() {
        try {
            URL url = ResourceClasses.class.getClassLoader().getResource(PACKAGE.replace('.', '/'));
            File[] files = new File(url.toURI()).listFiles((dir, name) -> name.endsWith("Resource.class"));
            List<Class<?>> classes = new ArrayList<>();
            for (File file : Arrays.stream(files).sorted().toList()) {
                Class<?> type = Class.forName(PACKAGE + "." + file.getName().replace(".class", ""));
                if (type.isAnnotationPresent(Path.class)) {
                    classes.add(type);
                }
            }
            return classes;
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
