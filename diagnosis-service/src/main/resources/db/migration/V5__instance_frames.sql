-- Where each frame's bytes lie in the stored object (found once, at STOW), so WADO-RS frames
-- are served as byte ranges of the object: [{"encapsulated": bool, "ranges": [[offset, length], ...]}, ...]
-- in frame order. NULL for instances without pixel data or whose frames cannot be addressed.
ALTER TABLE instance ADD COLUMN frame_ranges jsonb;
