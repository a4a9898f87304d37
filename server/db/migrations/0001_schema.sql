CREATE TABLE "case_organizations" (
	"case_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "case_organizations_case_id_organization_id_pk" PRIMARY KEY("case_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"partners" jsonb DEFAULT '[]' NOT NULL,
	"countries" text[] DEFAULT '{}' NOT NULL,
	"partnership_type" text,
	"sectors" text[] DEFAULT '{}' NOT NULL,
	"programme_id" uuid,
	"year" integer,
	"outcome" text,
	"lessons" text,
	"state" text DEFAULT 'published' NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	"sort_name" text GENERATED ALWAYS AS (lower(pn_unaccent(title))) STORED,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', pn_unaccent(coalesce(title, ''))), 'A') || setweight(to_tsvector('simple', pn_unaccent(coalesce(partnership_type, '') || ' ' || coalesce(summary, ''))), 'B') || setweight(to_tsvector('simple', pn_unaccent(coalesce(outcome, '') || ' ' || coalesce(lessons, ''))), 'C')) STORED,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "countries" (
	"alpha2" char(2) PRIMARY KEY NOT NULL,
	"alpha3" char(3) NOT NULL,
	"m49" char(3) NOT NULL,
	"region" char(3),
	"subregion" char(3),
	"intermediate_region" char(3),
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_es" text NOT NULL,
	"variants" text[] DEFAULT '{}' NOT NULL,
	"status" text NOT NULL,
	"ldc" boolean DEFAULT false NOT NULL,
	"lldc" boolean DEFAULT false NOT NULL,
	"sids" boolean DEFAULT false NOT NULL,
	CONSTRAINT "countries_alpha3_unique" UNIQUE("alpha3")
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"kind" text NOT NULL,
	"country" char(2) NOT NULL,
	"website" text,
	"email" text,
	"phone" text,
	"address" jsonb,
	"description" text,
	"services" text[] DEFAULT '{}' NOT NULL,
	"sectors" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"networks" text[] DEFAULT '{}' NOT NULL,
	"state" text DEFAULT 'published' NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"sort_name" text GENERATED ALWAYS AS (lower(pn_unaccent(name))) STORED,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', pn_unaccent(coalesce(name, '') || ' ' || coalesce(acronym, ''))), 'A') || setweight(to_tsvector('simple', pn_unaccent(pn_join(networks) || ' ' || replace(kind, '-', ' '))), 'B') || setweight(to_tsvector('simple', pn_unaccent(coalesce(description, ''))), 'C')) STORED,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_operators" (
	"programme_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "programme_operators_programme_id_organization_id_pk" PRIMARY KEY("programme_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"website" text,
	"origin_countries" text[] DEFAULT '{}' NOT NULL,
	"target_countries" text[] DEFAULT '{}' NOT NULL,
	"funder_countries" text[] DEFAULT '{}' NOT NULL,
	"direction" text,
	"partnership_types" text[] DEFAULT '{}' NOT NULL,
	"services" text[] DEFAULT '{}' NOT NULL,
	"sectors" text[] DEFAULT '{}' NOT NULL,
	"firm_sizes" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"state" text DEFAULT 'published' NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"sort_name" text GENERATED ALWAYS AS (lower(pn_unaccent(name))) STORED,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', pn_unaccent(coalesce(name, ''))), 'A') || setweight(to_tsvector('simple', pn_unaccent(pn_join(partnership_types || services))), 'B') || setweight(to_tsvector('simple', pn_unaccent(coalesce(description, ''))), 'C')) STORED,
	"change_seq" bigint DEFAULT nextval('change_seq') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provenance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"external_id" text NOT NULL,
	"content_hash" text,
	"first_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reference_versions" (
	"name" text PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" char(3) PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"parent" char(3),
	"name_en" text NOT NULL,
	"name_fr" text NOT NULL,
	"name_es" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sectors" (
	"code" text PRIMARY KEY NOT NULL,
	"section" char(1) NOT NULL,
	"name_en" text NOT NULL,
	"name_fr" text,
	"name_es" text
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"network" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_organizations" ADD CONSTRAINT "case_organizations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_organizations" ADD CONSTRAINT "case_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_country_countries_alpha2_fk" FOREIGN KEY ("country") REFERENCES "public"."countries"("alpha2") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_operators" ADD CONSTRAINT "programme_operators_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_operators" ADD CONSTRAINT "programme_operators_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provenance" ADD CONSTRAINT "provenance_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_search_idx" ON "cases" USING gin ("search");--> statement-breakpoint
CREATE INDEX "cases_sort_idx" ON "cases" USING btree ("sort_name","id");--> statement-breakpoint
CREATE INDEX "organizations_search_idx" ON "organizations" USING gin ("search");--> statement-breakpoint
CREATE INDEX "organizations_country_idx" ON "organizations" USING btree ("country");--> statement-breakpoint
CREATE INDEX "organizations_sort_idx" ON "organizations" USING btree ("sort_name","id");--> statement-breakpoint
CREATE INDEX "organizations_services_idx" ON "organizations" USING gin ("services");--> statement-breakpoint
CREATE INDEX "organizations_sectors_idx" ON "organizations" USING gin ("sectors");--> statement-breakpoint
CREATE INDEX "organizations_networks_idx" ON "organizations" USING gin ("networks");--> statement-breakpoint
CREATE INDEX "organizations_change_idx" ON "organizations" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "programme_operators_org_idx" ON "programme_operators" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "programmes_search_idx" ON "programmes" USING gin ("search");--> statement-breakpoint
CREATE INDEX "programmes_sort_idx" ON "programmes" USING btree ("sort_name","id");--> statement-breakpoint
CREATE INDEX "programmes_origin_idx" ON "programmes" USING gin ("origin_countries");--> statement-breakpoint
CREATE INDEX "programmes_target_idx" ON "programmes" USING gin ("target_countries");--> statement-breakpoint
CREATE INDEX "programmes_change_idx" ON "programmes" USING btree ("change_seq");--> statement-breakpoint
CREATE INDEX "provenance_entity_idx" ON "provenance" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "provenance_source_external_idx" ON "provenance" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);