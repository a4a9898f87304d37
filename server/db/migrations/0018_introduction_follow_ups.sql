CREATE TABLE "introduction_follow_ups" (
	"introduction_id" uuid NOT NULL,
	"side" text NOT NULL,
	"token_hash" text NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "introduction_follow_ups_introduction_id_side_pk" PRIMARY KEY("introduction_id","side"),
	CONSTRAINT "introduction_follow_ups_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "introductions" ADD COLUMN "agency_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "introductions" ADD COLUMN "follow_up_asked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "introduction_follow_ups" ADD CONSTRAINT "introduction_follow_ups_introduction_id_introductions_id_fk" FOREIGN KEY ("introduction_id") REFERENCES "public"."introductions"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Requests already flagged to the operators are past the agency's 7-day reminder: it is not sent late.
UPDATE "introductions" SET "agency_reminded_at" = "flagged_at" WHERE "flagged_at" IS NOT NULL;
