-- The series that holds a report's DICOM objects (one Encapsulated PDF per signature or addendum).
ALTER TABLE report ADD COLUMN dicom_series_instance_uid text;
