package io.metagroup.plugin.audit.internal;

import io.metagroup.model.Bytes;
import io.metagroup.plugin.audit.DescriptorVersionChange;
import io.metagroup.plugin.audit.DescriptorVersionReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A host's {@link DescriptorVersionReader} for the tests, installed through META-INF/services: a payload
 * {@code versions:<descriptor>=<before>><after>;...} names its versions, {@code versions:boom} makes the reader
 * throw, and any other payload names none.
 */
public final class PrefixVersionReader implements DescriptorVersionReader {
    static final String PREFIX = "versions:";

    @Override
    public List<DescriptorVersionChange> versions(Bytes payload) {
        String text = new String(payload.toByteArray(), StandardCharsets.UTF_8);
        if (!text.startsWith(PREFIX)) {
            return List.of();
        }
        if (text.equals(PREFIX + "boom")) {
            throw new IllegalStateException("this payload makes the reader fail");
        }
        List<DescriptorVersionChange> versions = new ArrayList<>();
        for (String change : text.substring(PREFIX.length()).split(";")) {
            String[] nameAndVersions = change.split("=");
            String[] beforeAfter = nameAndVersions[1].split(">");
            versions.add(new DescriptorVersionChange(nameAndVersions[0], Long.parseLong(beforeAfter[0]),
                    Long.parseLong(beforeAfter[1])));
        }
        return versions;
    }
}
