package io.kamaros;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floors of the code base (docs/architecture.md): each floor uses only the floors below it, and no
 * package depends on itself through others. A new dependency that breaks a floor fails the build here,
 * with the offending class and line in the message.
 */
class FloorsTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ProductionClasses.all();
    }

    /**
     * Front ends → facade → container → history → project → objects → format, with the adapters (store) and
     * the public data types (model) usable from every floor. Front ends see only the facade, the model and
     * the adapters: anything else they need is a facade method, not a reach into the engine's inside.
     */
    static final ArchRule FLOORS = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Front ends").definedBy("io.kamaros", "io.kamaros.app..", "io.kamaros.cli..", "io.kamaros.frontend..")
            .layer("Watch").definedBy("io.kamaros.engine.watch..")
            .layer("Facade").definedBy("io.kamaros.engine")
            .layer("Container").definedBy("io.kamaros.engine.container..")
            .layer("History").definedBy("io.kamaros.engine.history..")
            .layer("Project").definedBy("io.kamaros.engine.project..")
            .layer("Objects").definedBy("io.kamaros.engine.objects..")
            .layer("Remote").definedBy("io.kamaros.engine.remote..")
            .layer("Format").definedBy("io.kamaros.engine.format..")
            .layer("Store").definedBy("io.kamaros.engine.store..")
            .layer("Model").definedBy("io.kamaros.engine.model..")
            .whereLayer("Front ends").mayNotBeAccessedByAnyLayer()
            .whereLayer("Watch").mayOnlyBeAccessedByLayers("Front ends")
            .whereLayer("Facade").mayOnlyBeAccessedByLayers("Front ends", "Watch")
            .whereLayer("Container").mayOnlyBeAccessedByLayers("Facade")
            .whereLayer("History").mayOnlyBeAccessedByLayers("Facade", "Container")
            .whereLayer("Project").mayOnlyBeAccessedByLayers("Facade", "Container", "History")
            .whereLayer("Objects").mayOnlyBeAccessedByLayers("Facade", "Container", "History", "Project")
            .whereLayer("Remote").mayOnlyBeAccessedByLayers("Facade", "Container", "History")
            .whereLayer("Remote").mayOnlyAccessLayers("Model")
            .whereLayer("Format").mayOnlyBeAccessedByLayers("Facade", "Container", "History", "Project", "Objects")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Front ends", "Watch", "Facade", "Container", "History",
                    "Project", "Objects", "Format")
            .whereLayer("Store").mayOnlyAccessLayers("Model")
            .whereLayer("Format").mayOnlyAccessLayers("Model", "Store")
            .whereLayer("Model").mayNotAccessAnyLayer()
            .because("each floor builds on the ones below it (docs/architecture.md)");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.kamaros.(**)")
            .should().beFreeOfCycles()
            .because("a package that depends on itself through others cannot be understood or changed alone");

    @Test
    void eachFloorUsesOnlyTheFloorsBelow() {
        FLOORS.check(production);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        NO_PACKAGE_CYCLES.check(production);
    }

    /** The rules do see real dependencies: the facade uses the history floor, so the reverse is caught. */
    @Test
    void theFloorRulesCatchAnUpwardDependency() {
        LayeredArchitecture inverted = layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Facade").definedBy("io.kamaros.engine")
                .layer("History").definedBy("io.kamaros.engine.history..")
                .whereLayer("History").mayNotBeAccessedByAnyLayer();
        assertThat(inverted.evaluate(production).hasViolation()).isTrue();
    }
}
