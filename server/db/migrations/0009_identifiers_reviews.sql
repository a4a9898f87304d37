CREATE TABLE "identifiers" (
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"scheme" text NOT NULL,
	"value" text NOT NULL,
	"source_id" uuid,
	CONSTRAINT "identifiers_entity_type_scheme_value_entity_id_pk" PRIMARY KEY("entity_type","scheme","value","entity_id")
);
--> statement-breakpoint
CREATE TABLE "match_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"candidate_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"score" real NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "held_withdrawals" integer;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "withdrawals_decision" text;--> statement-breakpoint
ALTER TABLE "identifiers" ADD CONSTRAINT "identifiers_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_reviews" ADD CONSTRAINT "match_reviews_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identifiers_entity_idx" ON "identifiers" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "match_reviews_record_idx" ON "match_reviews" USING btree ("source_id","entity_type","external_id","candidate_id");--> statement-breakpoint
CREATE INDEX "match_reviews_status_idx" ON "match_reviews" USING btree ("status","created_at");