package dev.looplab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The direction of the packages: cli -> driver -> model <- report; server core <- lessons. */
class ArchitectureTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.looplab");
  }

  @Test
  void noCycleBetweenTopLevelPackages() {
    slices().matching("dev.looplab.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void noCycleBetweenLessons() {
    slices().matching("dev.looplab.lessons.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void serverAndItsInstrumentationKnowNoLessonNorClient() {
    noClasses().that().resideInAnyPackage("dev.looplab.server..", "dev.looplab.observe..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.looplab.lessons..", "dev.looplab.live..", "dev.looplab.cli..", "dev.looplab.driver..", "dev.looplab.model..",
            "dev.looplab.report..")
        .check(main);
  }

  @Test
  void reportsReadTheModelNotTheDriver() {
    noClasses().that().resideInAPackage("dev.looplab.report..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.looplab.driver..", "dev.looplab.cli..", "dev.looplab.server..")
        .check(main);
  }

  @Test
  void modelDependsOnNothingOfTheLab() {
    noClasses().that().resideInAPackage("dev.looplab.model..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.looplab.driver..", "dev.looplab.cli..",
            "dev.looplab.report..", "dev.looplab.server..", "dev.looplab.observe..", "dev.looplab.lessons..")
        .check(main);
  }

  @Test
  void onlyTheCommandsKnowTheLessons() {
    noClasses().that().resideOutsideOfPackages("dev.looplab.lessons..", "dev.looplab.live..", "dev.looplab.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.looplab.lessons..", "dev.looplab.live..")
        .check(main);
  }
}
