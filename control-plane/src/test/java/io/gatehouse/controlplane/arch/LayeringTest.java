package io.gatehouse.controlplane.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Entities stay in the domain: resources see services and protocol records, never entities or Hibernate. */
class LayeringTest {
    private final JavaClasses main = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatehouse.controlplane");

    @Test
    void resourcesDoNotTouchEntities() {
        noClasses()
                .that()
                .resideInAPackage("..api.resources..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Entity")
                .check(main);
    }

    @Test
    void entitiesLiveInTheDomain() {
        classes()
                .that()
                .areAnnotatedWith(jakarta.persistence.Entity.class)
                .should()
                .resideInAPackage("io.gatehouse.controlplane.domain..")
                .andShould()
                .haveSimpleNameEndingWith("Entity")
                .check(main);
    }

    @Test
    void theDataPlaneIsNeverADependency() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.gatehouse.dataplane..")
                .check(main);
    }
}
