-- The reading workflow: one reading request per study, its state and who moved it there, the
-- claim that keeps two radiologists from reading it at once, and the report with its addenda.
-- A claim is taken with one conditional UPDATE, so the database decides who wins.

CREATE TABLE reading_request (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    study_pk            bigint NOT NULL UNIQUE REFERENCES study (pk),
    hospital_id         text NOT NULL REFERENCES hospital (id),
    state               text NOT NULL CHECK (state IN ('arriving', 'ready', 'in_progress', 'preliminary', 'final', 'amended')),
    state_changed_at    timestamptz NOT NULL,
    priority            text NOT NULL CHECK (priority IN ('stat', 'urgent', 'routine')),
    modality            text NOT NULL DEFAULT '',
    body_part           text NOT NULL DEFAULT '',
    procedure           text NOT NULL DEFAULT '' CHECK (length(procedure) <= 1000),
    history             text NOT NULL DEFAULT '' CHECK (length(history) <= 4000),
    question            text NOT NULL DEFAULT '' CHECK (length(question) <= 4000),
    requesting_doctor   text NOT NULL DEFAULT '' CHECK (length(requesting_doctor) <= 200),
    -- how many instances the sender said the study has, when it said so
    expected_instances  integer CHECK (expected_instances >= 0),
    arrived_at          timestamptz NOT NULL,
    due_at              timestamptz NOT NULL,
    -- the pre-screen's findings raise the priority; the reason is shown in the worklist
    ai_priority         text CHECK (ai_priority IN ('stat', 'urgent', 'routine')),
    ai_reason           text NOT NULL DEFAULT '' CHECK (length(ai_reason) <= 2000),
    ai_at               timestamptz,
    claimed_by          text,
    claimed_at          timestamptz,
    claim_expires_at    timestamptz,
    version             integer NOT NULL DEFAULT 0
);
CREATE INDEX reading_request_worklist ON reading_request (state, priority, due_at, arrived_at);
CREATE INDEX reading_request_hospital ON reading_request (hospital_id, arrived_at DESC);

-- Every state change, with who and when (coverage statistics read these).
CREATE TABLE reading_transition (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  bigint NOT NULL REFERENCES reading_request (id),
    from_state  text,
    to_state    text NOT NULL,
    actor       text NOT NULL,
    at          timestamptz NOT NULL,
    detail      text NOT NULL DEFAULT ''
);
CREATE INDEX reading_transition_request ON reading_transition (request_id, id);

-- Which hospitals or modalities a radiologist is assigned to read first (empty: everything).
CREATE TABLE reading_assignment (
    username     text NOT NULL,
    hospital_id  text NOT NULL DEFAULT '',
    modality     text NOT NULL DEFAULT '',
    PRIMARY KEY (username, hospital_id, modality)
);

-- Senior radiologists may take over a claim that has not expired.
CREATE TABLE senior_reader (
    username  text PRIMARY KEY
);

-- The report of a reading request: a draft until signed; immutable once final (only addenda).
CREATE TABLE report (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id               bigint NOT NULL UNIQUE REFERENCES reading_request (id),
    language                 text NOT NULL DEFAULT 'zh' CHECK (language IN ('zh', 'en')),
    findings                 text NOT NULL DEFAULT '',
    impression               text NOT NULL DEFAULT '',
    critical                 boolean NOT NULL DEFAULT false,
    author                   text NOT NULL,
    version                  integer NOT NULL DEFAULT 1,
    updated_at               timestamptz NOT NULL,
    preliminary_signed_by    text,
    preliminary_signed_at    timestamptz,
    final_signed_by          text,
    final_signed_at          timestamptz,
    critical_acknowledged_by text,
    critical_acknowledged_at timestamptz,
    dicom_sop_instance_uid   text
);

CREATE TABLE report_addendum (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    report_id  bigint NOT NULL REFERENCES report (id),
    text       text NOT NULL,
    signed_by  text NOT NULL,
    signed_at  timestamptz NOT NULL
);
CREATE INDEX report_addendum_report ON report_addendum (report_id, id);

-- A final report's text cannot change, whatever the code above does.
CREATE FUNCTION report_final_is_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.final_signed_at IS NOT NULL AND (NEW.findings IS DISTINCT FROM OLD.findings
            OR NEW.impression IS DISTINCT FROM OLD.impression OR NEW.critical IS DISTINCT FROM OLD.critical
            OR NEW.final_signed_by IS DISTINCT FROM OLD.final_signed_by
            OR NEW.final_signed_at IS DISTINCT FROM OLD.final_signed_at) THEN
        RAISE EXCEPTION 'report % is final and cannot be changed', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER report_final_immutable BEFORE UPDATE ON report
    FOR EACH ROW EXECUTE FUNCTION report_final_is_immutable();

GRANT SELECT, INSERT, UPDATE ON reading_request, report TO ${appRole};
GRANT SELECT, INSERT ON reading_transition, report_addendum TO ${appRole};
GRANT SELECT ON reading_assignment, senior_reader TO ${appRole};
