ALTER TABLE "users" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
-- Accounts that saved a search already said which language they read: their latest one is the best guess.
UPDATE "users" SET "language" = s."lang" FROM (SELECT DISTINCT ON ("user_id") "user_id", "lang" FROM "saved_searches" ORDER BY "user_id", "created_at" DESC) s WHERE s."user_id" = "users"."id";
