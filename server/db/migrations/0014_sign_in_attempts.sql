CREATE TABLE "sign_in_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sign_in_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_attempts_key_idx" ON "sign_in_attempts" USING btree ("key","at");--> statement-breakpoint
-- Failures of the old counter still count in their window: carry them over before dropping it.
INSERT INTO "sign_in_attempts" ("key", "at") SELECT "key", "at" FROM "sign_in_failures";--> statement-breakpoint
DROP TABLE "sign_in_failures" CASCADE;
