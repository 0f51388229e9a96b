package org.onekeylogin.architecture;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.onekeylogin.OneKeyApplication;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The features are modules: each top-level package talks to the others only through their public types (never
 * through an {@code internal} package), and no two depend on each other in a cycle. The module documentation in
 * {@code docs/modules} is drawn from the same model, so it cannot drift from the code.
 */
class ModuleStructureTest {

    private static final ApplicationModules MODULES = ApplicationModules.of(OneKeyApplication.class);

    @Test
    void whenTheModulesAreVerifiedThenNoCycleAndNoInternalAccessIsFound() {
        MODULES.verify();
    }

    @Test
    void whenTheBuildRunsThenTheModuleDocumentationIsWrittenFromTheCode() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docsFolder().toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();
    }

    /** {@code docs/modules} of the repository, whether Maven runs from the root or from {@code server/}. */
    private static Path docsFolder() {
        Path here = Path.of("").toAbsolutePath();
        Path root = here.resolve("docs").toFile().isDirectory() ? here : here.getParent();
        return root.resolve("docs").resolve("modules");
    }
}
