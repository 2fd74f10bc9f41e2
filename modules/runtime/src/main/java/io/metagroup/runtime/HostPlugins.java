package io.metagroup.runtime;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Qualifies the plugins a host adds by hand, next to those found by discovery. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@interface HostPlugins {
}
