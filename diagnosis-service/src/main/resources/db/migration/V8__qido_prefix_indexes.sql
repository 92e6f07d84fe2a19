-- QIDO-RS wildcard matching ('ABC*') becomes LIKE 'ABC%', which a plain b-tree serves only under
-- the C collation; text_pattern_ops serves it under any. PatientName is matched against every
-- component group with OR, so each group needs an index or the whole study table is read.
CREATE INDEX study_patient_name_phonetic ON study (patient_name_phonetic text_pattern_ops);
CREATE INDEX study_patient_id_prefix ON study (patient_id text_pattern_ops);
CREATE INDEX study_accession_number_prefix ON study (accession_number text_pattern_ops);
