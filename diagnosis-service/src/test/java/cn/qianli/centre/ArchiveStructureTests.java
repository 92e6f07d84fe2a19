package cn.qianli.centre;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The archive's packages and the seams between them, as rules that fail the build when broken. */
class ArchiveStructureTests {

    private static final String[] ARCHIVE = {"cn.qianli.centre.archive", "cn.qianli.centre.audit",
        "cn.qianli.centre.database", "cn.qianli.centre.dicomweb", "cn.qianli.centre.hospital",
        "cn.qianli.centre.problem", "cn.qianli.centre.security", "cn.qianli.centre.statistics",
        "cn.qianli.centre.storage"};

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ARCHIVE);

    @Test
    void usesTheDicomToolkitOnlyThroughDicomCore() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.pixelmed..")
                .because("only dicom-core may import the DICOM toolkit").check(classes);
    }

    @Test
    void packagesDoNotDependOnEachOtherInCircles() {
        slices().matching("cn.qianli.centre.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theObjectStoreKnowsNothingOfTheArchive() {
        noClasses().that().resideInAPackage("..centre.storage..").should().dependOnClassesThat()
                .resideInAnyPackage("..centre.archive..", "..centre.dicomweb..", "..centre.audit..",
                        "..centre.security..", "..centre.database..", "cn.qianli.dicom..")
                .because("storage is a narrow seam: create, read, readRange, remove").check(classes);
    }

    @Test
    void theErrorCatalogueAndSecurityStandAlone() {
        noClasses().that().resideInAPackage("..centre.problem..").should().dependOnClassesThat()
                .resideInAnyPackage("..centre.archive..", "..centre.dicomweb..", "..centre.audit..",
                        "..centre.security..", "..centre.storage..").check(classes);
        noClasses().that().resideInAPackage("..centre.security..").should().dependOnClassesThat()
                .resideInAnyPackage("..centre.archive..", "..centre.dicomweb..", "..centre.audit..",
                        "..centre.storage..").check(classes);
    }

    @Test
    void theIndexDoesNotKnowTheHttpProtocols() {
        noClasses().that().resideInAPackage("..centre.archive..").should().dependOnClassesThat()
                .resideInAnyPackage("..centre.dicomweb..", "jakarta.servlet..", "org.springframework.web..")
                .check(classes);
    }
}
