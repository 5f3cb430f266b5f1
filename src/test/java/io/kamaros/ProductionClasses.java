package io.kamaros;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.Nullable;

/** The app's production classes as ArchUnit reads them, read once for all the architecture tests of a run. */
public final class ProductionClasses {
    private static @Nullable JavaClasses all;

    private ProductionClasses() {
    }

    /** Every class under {@code io.kamaros} in target/classes (no test classes). */
    public static synchronized JavaClasses all() {
        JavaClasses read = all;
        if (read == null) {
            read = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.kamaros");
            all = read;
        }
        return read;
    }
}
