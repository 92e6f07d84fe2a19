package cn.qianli.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    @Test
    void flowsDoNotDependOnEachOtherInCircles() {
        slices().matching("cn.qianli.gateway.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theSpoolKnowsNothingOfReceivingOrForwarding() {
        noClasses().that().resideInAPackage("..gateway.spool..")
                .should().dependOnClassesThat().resideInAnyPackage("..gateway.scp..", "..gateway.forward..",
                        "..gateway.study..", "..gateway.status..", "..gateway.media..")
                .because("the spool is the durable record every flow writes to or reads from")
                .check(classes);
    }
}
