package org.opencontrail.web.shared.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

/**
 * The packages of a module, each a feature, depend on each other in one direction only: what two
 * of them need lives in a third. A cycle fails the module's build, naming the classes that make it.
 */
public final class PackageCycles {

    private PackageCycles() {}

    /** Fails when the packages right under {@code root} (with their subpackages) depend on each other in a cycle. */
    public static void assertNone(String root) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        SlicesRuleDefinition.slices()
                .matching(root + ".(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }
}
