package io.gatehouse.e2e.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of DESIGN §1, as ArchUnit rules. {@link ArchitectureTest} checks them against
 * every production class of every module; {@link ArchitectureRulesSelfTest} proves each one fails on
 * a class that breaks it.
 */
final class ArchitectureRules {

    private static final String PROTOCOL = "io.gatehouse.protocol..";
    private static final String ENGINE = "io.gatehouse.engine..";
    private static final String CONTROL_PLANE = "io.gatehouse.controlplane..";
    private static final String DATA_PLANE = "io.gatehouse.dataplane..";
    private static final String SDK = "io.gatehouse.sdk..";
    private static final String CONSOLE = "io.gatehouse.console..";
    private static final String TERRAFORM = "io.gatehouse.terraform..";
    private static final String DEVSTACK = "io.gatehouse.devstack..";
    private static final String E2E = "io.gatehouse.e2e..";
    private static final String BENCH = "io.gatehouse.bench..";

    /** Frameworks that must never reach the wire contracts. */
    private static final String[] FRAMEWORKS = {
        "io.dropwizard..",
        "org.glassfish.jersey..",
        "jakarta.ws.rs..",
        "jakarta.persistence..",
        "jakarta.servlet..",
        "org.hibernate..",
        "org.eclipse.jetty..",
        "org.apache.pulsar..",
        "com.vaadin..",
        "io.lettuce..",
        "java.sql..",
    };

    private ArchitectureRules() {}

    /** {@code protocol} is plain Java plus Jackson and Nimbus: no framework types in wire contracts. */
    static final ArchRule PROTOCOL_IS_FRAMEWORK_FREE = noClasses()
            .that()
            .resideInAPackage(PROTOCOL)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORKS)
            .as("protocol depends on no framework (Dropwizard, Jersey, JPA, Jetty, Pulsar, Vaadin, JDBC)");

    /** {@code protocol} is the bottom of the graph. */
    static final ArchRule PROTOCOL_DEPENDS_ON_NO_MODULE = noClasses()
            .that()
            .resideInAPackage(PROTOCOL)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ENGINE, CONTROL_PLANE, DATA_PLANE, SDK, CONSOLE, TERRAFORM, DEVSTACK, E2E, BENCH)
            .as("protocol depends on no other Gatehouse module");

    /** {@code engine} is decision code both planes run: framework-free, on top of protocol only. */
    static final ArchRule ENGINE_IS_FRAMEWORK_FREE = noClasses()
            .that()
            .resideInAPackage(ENGINE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FRAMEWORKS)
            .as("engine depends on no framework (Dropwizard, Jersey, JPA, Jetty, Pulsar, Vaadin, JDBC)");

    /** {@code engine} sits between protocol and the planes. */
    static final ArchRule ENGINE_DEPENDS_ONLY_ON_PROTOCOL = noClasses()
            .that()
            .resideInAPackage(ENGINE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CONTROL_PLANE, DATA_PLANE, SDK, CONSOLE, TERRAFORM, DEVSTACK, E2E, BENCH)
            .as("engine depends only on protocol");

    /** The control plane never reaches into the data plane (or the tools built on the SDK). */
    static final ArchRule CONTROL_PLANE_IS_INDEPENDENT = noClasses()
            .that()
            .resideInAPackage(CONTROL_PLANE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DATA_PLANE, SDK, CONSOLE, TERRAFORM, DEVSTACK, E2E, BENCH)
            .as("the control plane depends only on protocol and engine");

    /** The data plane never reaches into the control plane. */
    static final ArchRule DATA_PLANE_IS_INDEPENDENT = noClasses()
            .that()
            .resideInAPackage(DATA_PLANE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CONTROL_PLANE, SDK, CONSOLE, TERRAFORM, DEVSTACK, E2E, BENCH)
            .as("the data plane depends only on protocol and engine");

    /** The SDK is a client of the REST API: it knows the wire records, not either plane. */
    static final ArchRule SDK_KNOWS_ONLY_PROTOCOL = noClasses()
            .that()
            .resideInAPackage(SDK)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ENGINE, CONTROL_PLANE, DATA_PLANE, CONSOLE, TERRAFORM, DEVSTACK, E2E, BENCH)
            .as("the SDK depends only on protocol");

    /** The console and the Terraform provider talk to the control plane only through the SDK. */
    static final ArchRule SDK_CLIENTS_USE_ONLY_THE_SDK = noClasses()
            .that()
            .resideInAnyPackage(CONSOLE, TERRAFORM)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    ENGINE,
                    CONTROL_PLANE,
                    DATA_PLANE,
                    DEVSTACK,
                    E2E,
                    BENCH,
                    "org.hibernate..",
                    "jakarta.persistence..",
                    "java.sql..",
                    "org.postgresql..",
                    "org.apache.pulsar..")
            .as("the console and the Terraform provider reach the control plane only through sdk-java");

    /** Modules form a directed graph. */
    static final ArchRule NO_CYCLES_BETWEEN_MODULES =
            slices().matching("io.gatehouse.(*)..").should().beFreeOfCycles().as("no cycles between modules");
}
