package io.metagroup.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceDeclarationsTest {
    @TempDir
    Path dir;

    /** Compiles module {@code m} providing Runnable with p.A, and writes {@code servicesFile} (null: none). */
    private Class<?> compileModule(String servicesFile) throws Exception {
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        Files.createDirectories(src.resolve("p"));
        Files.writeString(src.resolve("module-info.java"), "module m { provides java.lang.Runnable with p.A; }");
        Files.writeString(src.resolve("p/A.java"), "package p; public class A implements Runnable { public void run() {} }");
        Files.writeString(src.resolve("p/B.java"), "package p; public class B implements Runnable { public void run() {} }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", out.toString(), src.resolve("module-info.java").toString(),
                src.resolve("p/A.java").toString(), src.resolve("p/B.java").toString());
        assertThat(status).as("javac exit status").isZero();
        if (servicesFile != null) {
            Path services = out.resolve("META-INF/services/java.lang.Runnable");
            Files.createDirectories(services.getParent());
            Files.writeString(services, servicesFile);
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, null);
        return loader.loadClass("p.A");
    }

    @Test
    void agreeingDeclarationsPass() throws Exception {
        ServiceDeclarations declarations = ServiceDeclarations.of(compileModule("# generated\np.A  # the one\n\n"),
                Runnable.class);

        assertThat(declarations.moduleInfo()).containsExactly("p.A");
        assertThat(declarations.serviceFile()).containsExactly("p.A");
        declarations.assertAgree();
    }

    @Test
    void aServicesFileNamingAnotherProviderFailsNamingBoth() throws Exception {
        ServiceDeclarations declarations = ServiceDeclarations.of(compileModule("p.A\np.B\n"), Runnable.class);

        assertThatThrownBy(declarations::assertAgree)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("module-info provides [p.A]")
                .hasMessageContaining("META-INF/services lists [p.A, p.B]");
    }

    @Test
    void aMissingServicesFileFails() throws Exception {
        ServiceDeclarations declarations = ServiceDeclarations.of(compileModule(null), Runnable.class);

        assertThat(declarations.serviceFile()).isEmpty();
        assertThatThrownBy(declarations::assertAgree).isInstanceOf(AssertionError.class);
    }

    @Test
    void nothingProvidedFails() {
        ServiceDeclarations declarations = new ServiceDeclarations("x.Service", Set.of(), Set.of());

        assertThatThrownBy(declarations::assertAgree).hasMessageContaining("declares no provider of x.Service");
    }

    @Test
    void outputWithoutModuleInfoIsAnError() throws IOException {
        assertThatThrownBy(() -> ServiceDeclarations.descriptorOf(ServiceDeclarationsTest.class))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no module-info.class");
    }
}
