-- Keep search_words (the vocabulary used to correct misspelt query words) in step with
-- the searchable tables. Statement-level triggers so a batch insert costs one query.
CREATE OR REPLACE FUNCTION pn_collect_search_words() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
    SELECT DISTINCT w FROM new_rows, unnest(tsvector_to_array(new_rows.search)) AS w
    WHERE length(w) >= 3
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER organizations_words_ins AFTER INSERT ON organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pn_collect_search_words();
--> statement-breakpoint
CREATE TRIGGER organizations_words_upd AFTER UPDATE ON organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pn_collect_search_words();
--> statement-breakpoint
CREATE TRIGGER programmes_words_ins AFTER INSERT ON programmes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pn_collect_search_words();
--> statement-breakpoint
CREATE TRIGGER programmes_words_upd AFTER UPDATE ON programmes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pn_collect_search_words();
--> statement-breakpoint
CREATE TRIGGER cases_words_ins AFTER INSERT ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pn_collect_search_words();
--> statement-breakpoint
CREATE TRIGGER cases_words_upd AFTER UPDATE ON cases
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION pn_collect_search_words();
--> statement-breakpoint
ALTER TABLE organizations ADD CONSTRAINT organizations_kind_check CHECK (kind IN (
  'investment-promotion-agency', 'entrepreneurship-centre', 'chamber-of-commerce', 'business-association',
  'technology-centre', 'incubator', 'development-agency', 'development-finance', 'international-organization', 'other'));
--> statement-breakpoint
ALTER TABLE organizations ADD CONSTRAINT organizations_state_check CHECK (state IN ('draft', 'pending', 'published', 'rejected'));
--> statement-breakpoint
ALTER TABLE programmes ADD CONSTRAINT programmes_state_check CHECK (state IN ('draft', 'pending', 'published', 'rejected'));
--> statement-breakpoint
ALTER TABLE cases ADD CONSTRAINT cases_state_check CHECK (state IN ('draft', 'pending', 'published', 'rejected'));
--> statement-breakpoint
ALTER TABLE programmes ADD CONSTRAINT programmes_direction_check CHECK (direction IS NULL OR direction IN ('north-south', 'south-south', 'triangular', 'north-north'));
