package io.metagroup.model;

/** The kinds of catalog descriptor a lease or drain can name. All sixteen of the SPEC. */
public enum DescriptorKind {
    COLLECTION,
    INDEX,
    TRIGGER,
    SEQUENCE,
    USER,
    ROLE,
    GRANT,
    RLS,
    CHANGE_STREAM,
    MATERIALIZED_VIEW,
    SCHEDULE,
    FUNCTION,
    PROCEDURE,
    TENANT,
    API_KEY,
    AUDIT_RETENTION
}
