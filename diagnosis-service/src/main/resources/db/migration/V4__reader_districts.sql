-- The districts each radiologist reads for (by user name). A token's district claim, or the
-- district of its hospital_id, adds to these.
CREATE TABLE reader_district (
    username  text NOT NULL,
    district  text NOT NULL,
    PRIMARY KEY (username, district)
);

GRANT SELECT ON reader_district TO ${appRole};

INSERT INTO reader_district (username, district) VALUES ('radiologist1', 'Wulong District');
