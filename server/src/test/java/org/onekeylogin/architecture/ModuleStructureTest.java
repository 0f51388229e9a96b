package org.onekeylogin.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.onekeylogin.OneKeyApplication;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The features are modules: each top-level package talks to the others only through their
 * public types (never through an {@code internal} package), and no two depend on each
 * other in a cycle. The module documentation in {@code docs/modules} is drawn from the
 * same model; this test fails when it no longer names what the code has. Regenerate it
 * with
 * {@code mvn -pl server test -Dtest=ModuleStructureTest -Donekey.modules.write=true}.
 */
@DisabledIfSystemProperty(named = "onekey.test.database", matches = "postgresql",
        disabledReason = "the code's structure is the same whatever the database")
class ModuleStructureTest {

    /**
     * The client library (package {@code org.onekeylogin.client}, on the test classpath
     * for its own tests) is a separate artifact the apps use, not a module of the
     * service.
     */
    private static final ApplicationModules MODULES = ApplicationModules.of(OneKeyApplication.class,
            JavaClass.Predicates.resideInAPackage("org.onekeylogin.client.."));

    @Test
    void whenTheModulesAreVerifiedThenNoCycleAndNoInternalAccessIsFound() {
        MODULES.verify();
    }

    @Test
    void whenTheModuleDocumentationIsDrawnFromTheCodeThenDocsModulesMatchesIt() throws IOException {
        Path generated = Path.of("target", "modules").toAbsolutePath();
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
            .writeModulesAsPlantUml()
            .writeIndividualModulesAsPlantUml()
            .writeModuleCanvases();
        Path docs = repositoryRoot().resolve("docs").resolve("modules");
        if (Boolean.getBoolean("onekey.modules.write")) {
            Files.createDirectories(docs);
            for (Path file : files(generated)) {
                Files.copy(generated.resolve(file), docs.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(files(docs)).as("docs/modules has one file per generated diagram and canvas")
            .containsExactlyInAnyOrderElementsOf(files(generated));
        for (Path file : files(generated)) {
            // the Documenter lists a module's parts in no fixed order, even within one
            // line: compare the words
            assertThat(sortedWords(docs.resolve(file))).as("docs/modules/%s is out of date: regenerate it", file)
                .isEqualTo(sortedWords(generated.resolve(file)));
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.map(Path::getFileName).sorted().toList();
        }
    }

    private static List<String> sortedWords(Path file) throws IOException {
        return Stream.of(Files.readString(file).split("[\\s,|]+")).filter(word -> !word.isEmpty()).sorted().toList();
    }

    /** The repository, whether Maven runs from its root or from {@code server/}. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }

}
