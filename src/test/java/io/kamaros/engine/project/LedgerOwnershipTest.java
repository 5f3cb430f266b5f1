package io.kamaros.engine.project;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.kamaros.ProductionClasses;
import org.junit.jupiter.api.Test;

/**
 * The manifest state has one owner: only the {@link Ledger} and the codecs that read and write its
 * bytes touch {@link ManifestDoc}'s fields; everything else reads through the Ledger's accessors
 * and changes it through its methods.
 */
class LedgerOwnershipTest {
    private static final String DOC = ManifestDoc.class.getName();

    /** Allowed to touch the fields. */
    private static boolean owner(JavaClass c) {
        String name = c.getName();
        return name.equals(DOC) || name.startsWith(DOC + "$")
                || name.equals(ManifestReader.class.getName()) || name.equals(ManifestWriter.class.getName())
                || name.equals(Ledger.class.getName()) || name.startsWith(Ledger.class.getName() + "$");
    }

    private static final DescribedPredicate<JavaClass> OWNERS =
            DescribedPredicate.describe("the ledger and its codecs", LedgerOwnershipTest::owner);

    private static final DescribedPredicate<JavaFieldAccess> MANIFEST_FIELD = DescribedPredicate.describe(
            "a field of ManifestDoc or its nested classes", access -> {
                String owner = access.getTarget().getOwner().getName();
                return owner.equals(DOC) || owner.startsWith(DOC + "$");
            });

    static final ArchRule ONLY_THE_LEDGER_TOUCHES_MANIFEST_FIELDS = noClasses()
            .that(DescribedPredicate.not(OWNERS))
            .should().accessFieldWhere(MANIFEST_FIELD)
            .because("every change to the manifest state goes through Ledger methods that keep it consistent")
            .allowEmptyShould(true);

    @Test
    void onlyTheLedgerAndItsCodecsTouchManifestFields() {
        ONLY_THE_LEDGER_TOUCHES_MANIFEST_FIELDS.check(ProductionClasses.all());
    }

    /** A class outside the ledger that edits a field directly, as the rule must catch. */
    static final class EditsTheManifestDirectly {
        static void tag(ManifestDoc doc) {
            doc.refs.put("tags/x", "v1");
        }
    }

    @Test
    void theRuleCatchesADirectFieldEdit() {
        JavaClasses offender = new ClassFileImporter().importClasses(EditsTheManifestDirectly.class);
        assertThatThrownBy(() -> ONLY_THE_LEDGER_TOUCHES_MANIFEST_FIELDS.check(offender))
                .isInstanceOf(AssertionError.class).hasMessageContaining("refs");
    }
}
