-- The archive's index: hospitals and their gateways; studies, series and instances with the
-- attributes QIDO-RS matches on. Every instance row points at one stored object.

-- The running service's role; migrations run as the owner. Roles are cluster-wide, so an
-- existing one is reused.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') THEN
        CREATE ROLE ${appRole} NOLOGIN;
    END IF;
END
$$;

CREATE TABLE hospital (
    id                text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,32}$'),
    name              text NOT NULL,
    district          text NOT NULL,
    township          text NOT NULL,
    population_served integer NOT NULL CHECK (population_served >= 0)
);
CREATE INDEX hospital_district ON hospital (district);

-- A gateway is identified by its OAuth2 client id and belongs to one hospital.
CREATE TABLE gateway (
    client_id    text PRIMARY KEY,
    hospital_id  text NOT NULL REFERENCES hospital (id),
    name         text NOT NULL,
    last_seen_at timestamptz
);
CREATE INDEX gateway_hospital ON gateway (hospital_id);

-- Study-level attributes; hospital_id is the tenant every query filters on.
-- Dates are kept as DICOM DA strings (YYYYMMDD), which order as dates.
CREATE TABLE study (
    pk                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    study_instance_uid        text NOT NULL UNIQUE,
    hospital_id               text NOT NULL REFERENCES hospital (id),
    patient_id                text NOT NULL DEFAULT '',
    patient_name              text NOT NULL DEFAULT '',
    patient_name_alphabetic   text NOT NULL DEFAULT '',
    patient_name_ideographic  text NOT NULL DEFAULT '',
    patient_name_phonetic     text NOT NULL DEFAULT '',
    patient_birth_date        text NOT NULL DEFAULT '',
    patient_sex               text NOT NULL DEFAULT '',
    study_date                text NOT NULL DEFAULT '',
    study_time                text NOT NULL DEFAULT '',
    accession_number          text NOT NULL DEFAULT '',
    study_id                  text NOT NULL DEFAULT '',
    study_description         text NOT NULL DEFAULT '',
    referring_physician_name  text NOT NULL DEFAULT '',
    specific_character_set    text NOT NULL DEFAULT '',
    modalities_in_study       text[] NOT NULL DEFAULT '{}',
    number_of_series          integer NOT NULL DEFAULT 0,
    number_of_instances       integer NOT NULL DEFAULT 0,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX study_hospital_date ON study (hospital_id, study_date DESC, pk DESC);
CREATE INDEX study_date ON study (study_date DESC, pk DESC);
CREATE INDEX study_patient_id ON study (patient_id);
CREATE INDEX study_accession_number ON study (accession_number);
CREATE INDEX study_patient_name ON study (patient_name text_pattern_ops);
CREATE INDEX study_patient_name_alphabetic ON study (patient_name_alphabetic text_pattern_ops);
CREATE INDEX study_patient_name_ideographic ON study (patient_name_ideographic text_pattern_ops);
CREATE INDEX study_modalities ON study USING gin (modalities_in_study);

CREATE TABLE series (
    pk                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    study_pk             bigint NOT NULL REFERENCES study (pk),
    series_instance_uid  text NOT NULL UNIQUE,
    modality             text NOT NULL DEFAULT '',
    series_number        text NOT NULL DEFAULT '',
    series_description   text NOT NULL DEFAULT '',
    series_date          text NOT NULL DEFAULT '',
    series_time          text NOT NULL DEFAULT '',
    body_part_examined   text NOT NULL DEFAULT '',
    number_of_instances  integer NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX series_study ON series (study_pk);
CREATE INDEX series_modality ON series (modality);

-- One row per stored SOP instance. object_key names the stored object, written before this row
-- is committed; sha256 decides whether a second STOW of the same SOP Instance UID is the same
-- instance (success) or a conflict.
CREATE TABLE instance (
    pk                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    series_pk            bigint NOT NULL REFERENCES series (pk),
    sop_instance_uid     text NOT NULL UNIQUE,
    sop_class_uid        text NOT NULL,
    transfer_syntax_uid  text NOT NULL,
    instance_number      text NOT NULL DEFAULT '',
    rows                 integer,
    columns              integer,
    number_of_frames     integer,
    object_key           text NOT NULL,
    object_size          bigint NOT NULL,
    sha256               text NOT NULL,
    sent_by_hospital_id  text NOT NULL REFERENCES hospital (id),
    sent_by              text NOT NULL,
    stored_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instance_series ON instance (series_pk);
CREATE INDEX instance_sop_class ON instance (sop_class_uid);

GRANT SELECT ON hospital TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON gateway TO ${appRole};
GRANT SELECT, INSERT, UPDATE ON study, series, instance TO ${appRole};
