ALTER TABLE "provenance" ADD COLUMN "seq" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "provenance_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "last_complete_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "body_hash" text;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "held_seqs" bigint[];--> statement-breakpoint
CREATE INDEX "provenance_source_live_idx" ON "provenance" USING btree ("source_id","seq") WHERE withdrawn_at is null;