-- Two township hospitals of one district, for the demo and the tests.
INSERT INTO hospital (id, name, district, township, population_served) VALUES
    ('H001', 'Xiangkou Township Health Centre', 'Wulong District', 'Xiangkou', 38000),
    ('H002', 'Huolu Township Health Centre', 'Wulong District', 'Huolu', 27000);

INSERT INTO gateway (client_id, hospital_id, name) VALUES
    ('gateway-h001', 'H001', 'Xiangkou gateway'),
    ('gateway-h002', 'H002', 'Huolu gateway');
