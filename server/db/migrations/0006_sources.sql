CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"counts" jsonb DEFAULT '{"fetched":0,"created":0,"updated":0,"unchanged":0,"withdrawn":0,"rejected":0}' NOT NULL,
	"errors" jsonb DEFAULT '[]' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "provenance_source_external_idx";--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "connector" text DEFAULT 'json' NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "mapping" jsonb;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "schedule" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "timezone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "max_bytes" bigint DEFAULT 52428800 NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "time_limit_seconds" integer DEFAULT 1800 NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "etag" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_modified" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sync_runs_source_idx" ON "sync_runs" USING btree ("source_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "provenance_source_external_idx" ON "provenance" USING btree ("source_id","entity_type","external_id");