-- Each instance's DICOM JSON (PS3.18 F.2), written once at STOW, so WADO-RS metadata is answered
-- from the index instead of reading every stored object again. Bulk data URIs in it start with
-- the placeholder "qianli-bulkdata:" where the server puts the instance's own URL when it answers.
-- NULL for instances stored before this column existed: those are read from their objects.
ALTER TABLE instance ADD COLUMN metadata text;
