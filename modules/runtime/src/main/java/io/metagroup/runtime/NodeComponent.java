package io.metagroup.runtime;

import dagger.BindsInstance;
import dagger.Component;
import io.metagroup.spi.ApplierPlugin;
import jakarta.inject.Singleton;
import java.util.List;

/** The object graph of one node, built by Dagger from its config and the host's plugins. */
@Singleton
@Component(modules = NodeModule.class)
interface NodeComponent {
    MetagroupNode node();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder config(NodeConfig config);

        @BindsInstance
        Builder hostPlugins(@HostPlugins List<ApplierPlugin> plugins);

        NodeComponent build();
    }
}
