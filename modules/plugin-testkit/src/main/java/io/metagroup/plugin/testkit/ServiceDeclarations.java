package io.metagroup.plugin.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The providers a plugin module declares for one service, in both of the places ServiceLoader reads: the
 * {@code provides … with …} of its compiled {@code module-info.class} (module path) and its
 * {@code META-INF/services/<service>} file, which {@code @AutoService} writes (class path).
 *
 * @param service     the service interface's binary name
 * @param moduleInfo  providers named by module-info, sorted
 * @param serviceFile providers named by the services file, sorted
 */
public record ServiceDeclarations(String service, Set<String> moduleInfo, Set<String> serviceFile) {

    public ServiceDeclarations {
        moduleInfo = Collections.unmodifiableSortedSet(new TreeSet<>(moduleInfo));
        serviceFile = Collections.unmodifiableSortedSet(new TreeSet<>(serviceFile));
    }

    /**
     * Reads both declarations from the compiled output (a classes directory or a jar) that holds
     * {@code classInModule}.
     *
     * @throws IOException when module-info.class is missing or unreadable
     */
    public static ServiceDeclarations of(Class<?> classInModule, Class<?> service) throws IOException {
        return withRoot(classInModule, root -> read(root, service.getName()));
    }

    /**
     * The compiled module descriptor of the output (a classes directory or a jar) that holds {@code classInModule}.
     *
     * @throws IOException when module-info.class is missing or unreadable
     */
    public static ModuleDescriptor descriptorOf(Class<?> classInModule) throws IOException {
        return withRoot(classInModule, ServiceDeclarations::descriptor);
    }

    private interface RootReader<T> {
        T read(Path root) throws IOException;
    }

    private static <T> T withRoot(Class<?> classInModule, RootReader<T> reader) throws IOException {
        Path root;
        try {
            root = Path.of(classInModule.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the compiled output of " + classInModule.getName(), e);
        }
        if (Files.isDirectory(root)) {
            return reader.read(root);
        }
        try (FileSystem jar = FileSystems.newFileSystem(root)) {
            return reader.read(jar.getPath("/"));
        }
    }

    private static ModuleDescriptor descriptor(Path root) throws IOException {
        Path moduleInfo = root.resolve("module-info.class");
        if (!Files.isRegularFile(moduleInfo)) {
            throw new IOException("no module-info.class in " + root);
        }
        try (InputStream in = Files.newInputStream(moduleInfo)) {
            return ModuleDescriptor.read(in);
        }
    }

    private static ServiceDeclarations read(Path root, String service) throws IOException {
        Set<String> provided = new TreeSet<>();
        descriptor(root).provides().stream()
                .filter(p -> p.service().equals(service))
                .forEach(p -> provided.addAll(p.providers()));
        Set<String> listed = new TreeSet<>();
        Path servicesFile = root.resolve("META-INF").resolve("services").resolve(service);
        if (Files.isRegularFile(servicesFile)) {
            for (String line : Files.readAllLines(servicesFile, StandardCharsets.UTF_8)) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty()) {
                    listed.add(name);
                }
            }
        }
        return new ServiceDeclarations(service, provided, listed);
    }

    /**
     * Checks that both places declare at least one provider and the same set.
     *
     * @throws AssertionError naming both sets when they differ or are empty
     */
    public void assertAgree() {
        if (moduleInfo.isEmpty()) {
            throw new AssertionError("module-info declares no provider of " + service);
        }
        if (!moduleInfo.equals(serviceFile)) {
            throw new AssertionError("providers of " + service + " differ: module-info provides "
                    + moduleInfo + ", META-INF/services lists " + serviceFile);
        }
    }
}
