package io.gatehouse.console.internal;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfoList;
import io.github.classgraph.ScanResult;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.annotation.HandlesTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * What a servlet container with annotation scanning would do for Vaadin, done by hand for a bare
 * Jetty context: run Vaadin's {@link ServletContainerInitializer}s with their {@link HandlesTypes}
 * class sets (computed with ClassGraph over {@code com.vaadin} and the console's own package), and
 * serve {@code META-INF/resources} of every jar on the class path.
 */
public final class VaadinInitializers {
    private static final String[] SCANNED_PACKAGES = {"com.vaadin", "io.gatehouse.console"};

    private VaadinInitializers() {}

    /** Registers every Vaadin initializer found through {@link ServiceLoader} with its class set. */
    public static void register(ServletContextHandler context, ClassLoader loader) {
        List<ServletContainerInitializer> initializers = new ArrayList<>();
        for (ServletContainerInitializer sci : ServiceLoader.load(ServletContainerInitializer.class, loader)) {
            if (sci.getClass().getName().startsWith("com.vaadin.")) {
                initializers.add(sci);
            }
        }
        try (ScanResult scan = new ClassGraph()
                .overrideClassLoaders(loader)
                .enableClassInfo()
                .enableAnnotationInfo()
                .acceptPackages(SCANNED_PACKAGES)
                .scan()) {
            for (ServletContainerInitializer sci : initializers) {
                HandlesTypes handles = sci.getClass().getAnnotation(HandlesTypes.class);
                Set<Class<?>> classes = new LinkedHashSet<>();
                if (handles != null) {
                    for (Class<?> type : handles.value()) {
                        classes.addAll(matching(scan, type));
                    }
                }
                context.addServletContainerInitializer(sci, classes.toArray(Class<?>[]::new));
            }
        }
    }

    private static List<Class<?>> matching(ScanResult scan, Class<?> type) {
        ClassInfoList found;
        if (type.isAnnotation()) {
            found = scan.getClassesWithAnnotation(type.getName());
        } else if (type.isInterface()) {
            found = scan.getClassesImplementing(type.getName());
        } else {
            found = scan.getSubclasses(type.getName());
        }
        List<Class<?>> classes = new ArrayList<>();
        for (var info : found) {
            try {
                classes.add(info.loadClass());
            } catch (IllegalArgumentException | LinkageError e) {
                // a class whose optional dependencies are absent (e.g. Spring integrations): not ours to run
            }
        }
        return classes;
    }

    /** Every {@code META-INF/resources} folder on the class path, combined into one base resource. */
    public static Resource webResources(ResourceFactory factory, ClassLoader loader) {
        List<Resource> roots = new ArrayList<>();
        try {
            Enumeration<URL> urls = loader.getResources("META-INF/resources");
            while (urls.hasMoreElements()) {
                roots.add(factory.newResource(urls.nextElement().toURI()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable class path entry: " + e.getMessage(), e);
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("no META-INF/resources on the class path; is vaadin-core missing?");
        }
        return ResourceFactory.combine(roots);
    }
}
