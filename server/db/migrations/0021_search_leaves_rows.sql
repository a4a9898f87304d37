-- Search leaves the write path: lists are answered by the search index each app instance
-- derives from these tables and keeps current from the changes feed (server/search-index/).
-- The rows lose their generated search vectors and full-text indexes; the vocabulary that
-- corrects misspelt words is the index's own, so search_words and its triggers go too.
DROP TRIGGER IF EXISTS organizations_words_ins ON organizations;--> statement-breakpoint
DROP TRIGGER IF EXISTS organizations_words_upd ON organizations;--> statement-breakpoint
DROP TRIGGER IF EXISTS programmes_words_ins ON programmes;--> statement-breakpoint
DROP TRIGGER IF EXISTS programmes_words_upd ON programmes;--> statement-breakpoint
DROP TRIGGER IF EXISTS cases_words_ins ON cases;--> statement-breakpoint
DROP TRIGGER IF EXISTS cases_words_upd ON cases;--> statement-breakpoint
DROP FUNCTION IF EXISTS pn_collect_search_words();--> statement-breakpoint
DROP TABLE "search_words" CASCADE;--> statement-breakpoint
DROP INDEX "cases_search_idx";--> statement-breakpoint
DROP INDEX "organizations_search_idx";--> statement-breakpoint
DROP INDEX "programmes_search_idx";--> statement-breakpoint
ALTER TABLE "cases" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "organizations" DROP COLUMN "search";--> statement-breakpoint
ALTER TABLE "programmes" DROP COLUMN "search";
