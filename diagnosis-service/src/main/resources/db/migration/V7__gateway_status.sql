-- What each gateway last said about itself in its heartbeat (queue depth, bytes pending, errors).
ALTER TABLE gateway ADD COLUMN last_status jsonb;
