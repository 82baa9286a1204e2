package io.gatehouse.console.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md §1: the console talks to the control plane only through sdk-java. */
class ConsoleArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void usesNoGatehouseModuleButTheSdkAndItsRecords() {
        noClasses()
                .that()
                .resideInAPackage("io.gatehouse.console..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.gatehouse.controlplane..",
                        "io.gatehouse.dataplane..",
                        "io.gatehouse.devstack..",
                        "io.gatehouse.engine..",
                        "io.gatehouse.protocol.bundle..",
                        "io.gatehouse.protocol.audit..",
                        "io.gatehouse.protocol.jose..",
                        "io.gatehouse.protocol.fleet..")
                .because("the console is a client of the public REST API, through sdk-java only")
                .check(production);
    }

    @Test
    void makesNoHttpOrDatabaseCallsOfItsOwn() {
        noClasses()
                .that()
                .resideInAPackage("io.gatehouse.console..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.net.http..", "java.sql..", "javax.sql..", "org.hibernate..", "org.postgresql..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.HttpURLConnection")
                .because("every control-plane call goes through the SDK, and the console never touches the database")
                .check(production);
    }

    /**
     * Cycles are checked between the console's top-level packages. Inside {@code ui}, the views name
     * their layout ({@code @Route(layout = MainLayout.class)}) and the menu names the views: that
     * mutual reference is how Vaadin routes work and stays inside {@code ui}.
     */
    @Test
    void hasNoPackageCycles() {
        SlicesRuleDefinition.slices()
                .matching("io.gatehouse.console.(*)..")
                .should()
                .beFreeOfCycles()
                .check(production);
    }
}
