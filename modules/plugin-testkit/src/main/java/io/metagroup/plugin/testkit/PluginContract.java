package io.metagroup.plugin.testkit;

import io.metagroup.spi.ApplierPlugin;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/** The declaration contract every applier plugin keeps, and ServiceLoader lookups for tests. */
public final class PluginContract {
    private PluginContract() {}

    /**
     * Checks that {@code pluginClass} is declared the same way in module-info ({@code provides}) and in
     * {@code META-INF/services}, that it is the only provider its module declares there, that ServiceLoader finds
     * it under {@code expectedId}, and that its package is not exported (implementations stay internal).
     *
     * @throws AssertionError naming what disagrees
     */
    public static void verify(Class<? extends ApplierPlugin> pluginClass, String expectedId) throws IOException {
        ServiceDeclarations declarations = ServiceDeclarations.of(pluginClass, ApplierPlugin.class);
        declarations.assertAgree();
        if (!declarations.moduleInfo().equals(Set.of(pluginClass.getName()))) {
            throw new AssertionError("expected " + pluginClass.getName() + " as the only provider, module-info has "
                    + declarations.moduleInfo());
        }
        ApplierPlugin found = byId(expectedId);
        if (found.getClass() != pluginClass) {
            throw new AssertionError("ServiceLoader found " + found.getClass().getName() + " for id '" + expectedId
                    + "', expected " + pluginClass.getName());
        }
        ModuleDescriptor descriptor = ServiceDeclarations.descriptorOf(pluginClass);
        String pluginPackage = pluginClass.getPackageName();
        if (descriptor.exports().stream().anyMatch(e -> e.source().equals(pluginPackage))) {
            throw new AssertionError("module " + descriptor.name() + " exports " + pluginPackage
                    + ", the package of its plugin implementation");
        }
    }

    /**
     * The one plugin ServiceLoader finds with id {@code id}.
     *
     * @throws AssertionError when there is none or more than one
     */
    public static ApplierPlugin byId(String id) {
        List<ApplierPlugin> found = ServiceLoader.load(ApplierPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals(id))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("ServiceLoader found " + found.size() + " plugins with id '" + id + "'");
        }
        return found.get(0);
    }
}
