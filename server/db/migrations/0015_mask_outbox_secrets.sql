-- Reset mails queued before secrets were masked still show live tokens to operators: hide them, as sendMail now does.
UPDATE "mail_outbox" SET "text" = regexp_replace("text", 'pnr_[A-Za-z0-9_-]+', '[hidden]', 'g') WHERE "text" ~ 'pnr_[A-Za-z0-9_-]+';
