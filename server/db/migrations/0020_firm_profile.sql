ALTER TABLE "users" ADD COLUMN "company" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "country" char(2);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_country_countries_alpha2_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("alpha2") ON DELETE no action ON UPDATE no action;