package cn.qianli.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ModuleBoundaryTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.qianli.gateway");

    @Test
    void usesTheDicomToolkitOnlyThroughDicomCore() {
        noClasses().should().dependOnClassesThat().resideInAPackage("com.pixelmed..")
                .because("only dicom-core may import the DICOM toolkit")
                .check(classes);
    }
}
