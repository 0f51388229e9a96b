package org.onekeylogin.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.onekeylogin.support.ServiceTest;
import org.onekeylogin.support.TestDatabase;
import org.springframework.beans.factory.annotation.Value;

/** The embedded database's folder and files are the service user's alone. */
@ServiceTest
class DataFolderPermissionsTest {

    @Value("${onekey.data-dir}")
    String dataDir;

    @Test
    void whenTheServiceRunsOnH2ThenItsDataFolderAndFilesAreReadableByItsUserOnly() throws Exception {
        assumeFalse(TestDatabase.isPostgres(), "the folder holds the embedded database only");
        Path folder = Path.of(dataDir);
        assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(DataFolderPermissions.FOLDER);
        Path database = folder.resolve("onekey.mv.db");
        assertThat(database).exists();
        // created by H2 after the folder was restricted: nobody else can reach it through
        // the folder
        Files.setPosixFilePermissions(database, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        DataFolderPermissions.restrict(folder);
        assertThat(Files.getPosixFilePermissions(database)).isEqualTo(DataFolderPermissions.FILES);
    }

}
