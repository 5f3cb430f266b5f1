package io.kamaros.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import io.kamaros.ProductionClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The desktop app's feature folders depend on each other in one direction only, and the root package
 * holds just the composition root ({@link KamarosApp}) that wires them: nothing below it looks up.
 */
class AppArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ProductionClasses.all();
    }

    static final ArchRule APP_PACKAGES_ARE_FREE_OF_CYCLES = slices().matching("io.kamaros.app.(*)..")
            .should().beFreeOfCycles();

    /** The slices rule sees only subpackages; this keeps the root out of cycles too. */
    static final ArchRule FEATURES_DO_NOT_USE_THE_COMPOSITION_ROOT = noClasses()
            .that().resideInAPackage("io.kamaros.app.*..")
            .should().dependOnClassesThat().resideInAPackage("io.kamaros.app")
            .because("io.kamaros.app only wires the features together; shared services live in app.tools and app.home")
            .allowEmptyShould(false);

    /** Shared by both front ends, so it must load neither: the CLI starts without JavaFX. */
    static final ArchRule SHARED_FRONT_END_CODE_USES_NO_UI_LIBRARY = noClasses()
            .that().resideInAPackage("io.kamaros.frontend..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..",
                    "org.kordamp..", "picocli..", "java.awt..", "io.kamaros.app..", "io.kamaros.cli..")
            .because("the desktop app and the CLI both use io.kamaros.frontend, and never each other")
            .allowEmptyShould(false);

    /**
     * PDFBox, ImageIO and javax.sound take a while to load and are needed only when a binary file is shown: the
     * diff viewer's preview readers (PdfPreview, PicturePreview, SoundPreview, reached through Preview.read from
     * background work) are the only classes that name them, so none of them is loaded on the app's start path.
     */
    static final ArchRule HEAVY_FILE_READERS_ONLY_IN_PREVIEWS = noClasses()
            .that().resideInAPackage("io.kamaros..")
            .and().haveSimpleNameNotEndingWith("Preview")
            .and().resideOutsideOfPackage("io.kamaros.app.demo..") // writes the demo's pictures (ImageIO) when it is made
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "javax.imageio..", "javax.sound..")
            .because("the readers load lazily, off the start path, from the diff viewer's background work")
            .allowEmptyShould(false);

    @Test
    void heavyFileReadersOnlyInPreviews() {
        HEAVY_FILE_READERS_ONLY_IN_PREVIEWS.check(production);
    }

    @Test
    void sharedFrontEndCodeUsesNoUiLibrary() {
        SHARED_FRONT_END_CODE_USES_NO_UI_LIBRARY.check(production);
    }

    @Test
    void appPackagesAreFreeOfCycles() {
        APP_PACKAGES_ARE_FREE_OF_CYCLES.check(production);
    }

    @Test
    void featuresDoNotUseTheCompositionRoot() {
        FEATURES_DO_NOT_USE_THE_COMPOSITION_ROOT.check(production);
    }

    @Test
    void theCheckedClassesIncludeTheApp() {
        assertThat(production.contain(KamarosApp.class)).isTrue();
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("io.kamaros.app.")))
                .hasSizeGreaterThan(50);
    }
}
