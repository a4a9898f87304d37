ALTER TABLE "cases" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "change_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "cases_change_xid_idx" ON "cases" USING btree ("change_xid","change_seq");--> statement-breakpoint
CREATE INDEX "organizations_change_xid_idx" ON "organizations" USING btree ("change_xid","change_seq");--> statement-breakpoint
CREATE INDEX "programmes_change_xid_idx" ON "programmes" USING btree ("change_xid","change_seq");