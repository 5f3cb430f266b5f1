package io.kamaros.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import io.kamaros.ProductionClasses;
import io.kamaros.engine.store.FileAdapter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import io.kamaros.engine.model.JcfException;

/**
 * Arrows point one way (see the architecture notes): the engine never depends on a front end (JavaFX and
 * its libraries, picocli, the app, the CLI) nor on AWT, so scripts and servers can use it alone.
 */
class ArchitectureTest {
    private static final String[] FRONT_ENDS = {
        "javafx..", "org.controlsfx..", "atlantafx..", "org.kordamp..", "org.fxmisc..", "picocli..",
        "io.kamaros.app..", "io.kamaros.cli..",
    };

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ProductionClasses.all();
    }

    static final ArchRule ENGINE_DOES_NOT_DEPEND_ON_FRONT_ENDS = noClasses()
            .that().resideInAPackage("io.kamaros.engine..")
            .should().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
            .because("the CLI and the GUI are thin front ends over the engine, never the other way round")
            .allowEmptyShould(false);

    static final ArchRule ENGINE_DOES_NOT_USE_AWT = noClasses()
            .that().resideInAPackage("io.kamaros.engine..")
            .should().dependOnClassesThat().resideInAPackage("java.awt..")
            .because("the engine runs headless (CLI, servers, tests)")
            .allowEmptyShould(false);

    /** The CLI must start without JavaFX (fast, and on machines without a display). */
    static final ArchRule CLI_DOES_NOT_DEPEND_ON_THE_GUI = noClasses()
            .that().resideInAPackage("io.kamaros.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                    "org.kordamp..", "org.fxmisc..", "io.kamaros.app..", "java.awt..")
            .because("a command never loads JavaFX; the launcher loads the desktop app only by name")
            .allowEmptyShould(false);

    static final ArchRule LAUNCHER_LOADS_THE_APP_ONLY_BY_NAME = noClasses()
            .that().haveFullyQualifiedName("io.kamaros.Launcher")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.kamaros.app..")
            .because("a static reference would load JavaFX classes for every command-line run")
            .allowEmptyShould(false);

    @Test
    void cliDoesNotDependOnTheGui() {
        CLI_DOES_NOT_DEPEND_ON_THE_GUI.check(production);
    }

    @Test
    void launcherLoadsTheAppOnlyByName() {
        LAUNCHER_LOADS_THE_APP_ONLY_BY_NAME.check(production);
    }

    @Test
    void onlyProductionEngineClassesAreChecked() {
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("io.kamaros.engine")))
                .hasSizeGreaterThan(10);
        assertThat(production.contain(FileAdapter.class)).isTrue();
        assertThat(production.contain(JcfException.class)).isTrue();
        assertThat(production.stream().map(JavaClass::getSimpleName))
                .doesNotContain(ArchitectureTest.class.getSimpleName(), "AdapterContractTest", "MapBackedUserAdapter");
    }

    @Test
    void engineDoesNotDependOnFrontEnds() {
        ENGINE_DOES_NOT_DEPEND_ON_FRONT_ENDS.check(production);
    }

    @Test
    void engineDoesNotUseAwt() {
        ENGINE_DOES_NOT_USE_AWT.check(production);
    }

    /** The same package list does catch a front end: the app uses JavaFX. */
    @Test
    void theForbiddenPackagesMatchRealFrontEndDependencies() {
        ArchRule appIsAFrontEnd = noClasses()
                .that().resideInAPackage("io.kamaros.app..")
                .should().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
                .allowEmptyShould(false);
        assertThat(appIsAFrontEnd.evaluate(production).hasViolation()).isTrue();
    }
}
