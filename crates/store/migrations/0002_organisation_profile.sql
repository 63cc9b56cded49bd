-- The organisation's contact details and logo, printed on every document it sends. The
-- logo is a picture kept with the attachments, by the SHA-256 of its content, so that
-- sync carries it like any other file.
ALTER TABLE organisation ADD COLUMN address TEXT;
ALTER TABLE organisation ADD COLUMN phone TEXT;
ALTER TABLE organisation ADD COLUMN email TEXT;
ALTER TABLE organisation ADD COLUMN website TEXT;
ALTER TABLE organisation ADD COLUMN logo_sha256 TEXT REFERENCES attachments (sha256);
-- Never written: the logo lives in the attachments.
ALTER TABLE organisation DROP COLUMN logo;
