-- Extensions and functions the schema's generated columns rely on.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
-- unaccent() is only STABLE (it reads a dictionary); generated columns and indexes need IMMUTABLE.
CREATE OR REPLACE FUNCTION pn_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS change_seq;
--> statement-breakpoint
-- array_to_string() is STABLE in general; for text[] it is immutable, which generated columns need.
CREATE OR REPLACE FUNCTION pn_join(text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_to_string($1, ' '), '') $$;
