-- The audit trail: one row per request that touched patient data. Append-only for the running
-- service (it is granted INSERT and SELECT only). Each row carries the hash of the previous row,
-- and its own hash covers that link and every field, so an edit or a removed row breaks the chain.
CREATE TABLE audit_event (
    seq                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at                   timestamptz NOT NULL,
    actor                text NOT NULL,
    role                 text NOT NULL,
    hospital_id          text NOT NULL DEFAULT '',
    action               text NOT NULL,
    study_instance_uid   text NOT NULL DEFAULT '',
    series_instance_uid  text NOT NULL DEFAULT '',
    sop_instance_uid     text NOT NULL DEFAULT '',
    outcome              text NOT NULL,
    client_address       text NOT NULL DEFAULT '',
    detail               text NOT NULL DEFAULT '',
    prev_hash            text NOT NULL,
    hash                 text NOT NULL UNIQUE
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_actor ON audit_event (actor, at);
CREATE INDEX audit_event_hospital ON audit_event (hospital_id, at);
CREATE INDEX audit_event_study ON audit_event (study_instance_uid);

REVOKE ALL ON audit_event FROM ${appRole};
GRANT SELECT, INSERT ON audit_event TO ${appRole};
