package org.onekeylogin.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The embedded database holds the token signing key, the network hashing key and every
 * account: its folder ({@code onekey.data-dir}) is made readable by the service's own
 * user only, before anything opens the database, and files already in it are narrowed to
 * owner read and write. On a file system without POSIX permissions the folder is left as
 * the operating system makes it.
 */
@Component
class DataFolderPermissions implements BeanFactoryPostProcessor, EnvironmentAware {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

    static final Set<PosixFilePermission> FILES = PosixFilePermissions.fromString("rw-------");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String url = environment.getProperty("spring.datasource.url", "");
        String folder = environment.getProperty("onekey.data-dir");
        if (!url.startsWith("jdbc:h2:file:") || folder == null
                || !FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        restrict(Path.of(folder));
    }

    static void restrict(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.setPosixFilePermissions(folder, FOLDER);
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.setPosixFilePermissions(file, FILES);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot restrict the data folder " + folder + " to the service's user", e);
        }
    }

}
