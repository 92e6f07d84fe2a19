package cn.qianli.dicom.net;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The network layer's structure, as a test that can fail. */
class NetworkStructureTests {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.qianli.dicom.net", "cn.qianli.dicom.part10");
    }

    @Test
    void onlyTheInternalPackageTouchesTheToolkit() {
        noClasses().that().resideInAnyPackage("cn.qianli.dicom.net..", "cn.qianli.dicom.part10..")
                .and().resideOutsideOfPackage("cn.qianli.dicom.net.internal..")
                .should().dependOnClassesThat().resideInAPackage("com.pixelmed..")
                .check(classes);
    }

    @Test
    void pdusAndCommandsDoNotKnowAssociationsOrServices() {
        noClasses().that().resideInAnyPackage("cn.qianli.dicom.net.pdu..", "cn.qianli.dicom.net.dimse..")
                .should().dependOnClassesThat().resideInAPackage("cn.qianli.dicom.net")
                .check(classes);
    }

    @Test
    void part10DoesNotDependOnTheNetwork() {
        noClasses().that().resideInAPackage("cn.qianli.dicom.part10..")
                .should().dependOnClassesThat().resideInAPackage("cn.qianli.dicom.net..")
                .check(classes);
    }
}
