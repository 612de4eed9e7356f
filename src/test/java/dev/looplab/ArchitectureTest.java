package dev.looplab;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The direction of the packages: cli -> driver -> model <- report; server core <- lessons; options below both cli and lessons. */
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
        .should().dependOnClassesThat(resideInAPackage("dev.looplab..")
            .and(not(resideInAnyPackage("dev.looplab.server..", "dev.looplab.observe.."))))
        .because("the server core and its instrumentation know no lesson, command or client; lessons plug in through server.Lesson")
        .check(main);
  }

  @Test
  void observeKnowsNothingOfTheServer() {
    noClasses().that().resideInAPackage("dev.looplab.observe..")
        .should().dependOnClassesThat().resideInAPackage("dev.looplab.server..")
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
  void optionsKnowNothingOfTheLab() {
    noClasses().that().resideInAPackage("dev.looplab.options..")
        .should().dependOnClassesThat(resideInAPackage("dev.looplab..").and(not(resideInAPackage("dev.looplab.options.."))))
        .because("the commands and the lessons both define options with it")
        .check(main);
  }

  @Test
  void onlyTheCommandsKnowTheLessons() {
    noClasses().that().resideOutsideOfPackages("dev.looplab.lessons..", "dev.looplab.live..", "dev.looplab.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.looplab.lessons..", "dev.looplab.live..")
        .check(main);
  }
}
