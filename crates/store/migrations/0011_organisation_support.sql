-- What the Welcome KIT tells a customer about support and invoices, in the organisation's
-- own words: the TBO invoices portal's address, how and when the MCO password arrives,
-- how to open a ticket and how soon support answers each severity. Empty on an existing
-- profile until an administrator fills them in.
ALTER TABLE organisation ADD COLUMN tbo_url TEXT;
ALTER TABLE organisation ADD COLUMN mco_password_delivery TEXT;
ALTER TABLE organisation ADD COLUMN ticket_instructions TEXT;
ALTER TABLE organisation ADD COLUMN response_critical TEXT;
ALTER TABLE organisation ADD COLUMN response_high TEXT;
ALTER TABLE organisation ADD COLUMN response_normal TEXT;
