ALTER TYPE "public"."claim_event_kind" ADD VALUE 'reversed';--> statement-breakpoint
ALTER TYPE "public"."claim_status" ADD VALUE 'reversed';--> statement-breakpoint
CREATE TABLE "bonus_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"claim_id" uuid,
	"points" integer NOT NULL,
	"entry_id" bigint,
	"reversed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bonus_awards_points_positive" CHECK ("bonus_awards"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "earning_expiry" (
	"source_type" text PRIMARY KEY NOT NULL,
	"months" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "earning_expiry_months" CHECK ("earning_expiry"."months" is null or "earning_expiry"."months" between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "earning_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"category" text,
	"product_ids" uuid[] DEFAULT '{}' NOT NULL,
	"basis" text DEFAULT 'participant' NOT NULL,
	"measure" text DEFAULT 'units' NOT NULL,
	"mode" text,
	"steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"set_units" integer,
	"bonus" integer,
	"tiers" text[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"partner_ids" uuid[] DEFAULT '{}' NOT NULL,
	"roles" text[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "earning_rules_kind" CHECK ("earning_rules"."kind" in ('value_percent', 'accelerator', 'bundle')),
	CONSTRAINT "earning_rules_window" CHECK ("earning_rules"."ends_on" >= "earning_rules"."starts_on"),
	CONSTRAINT "earning_rules_basis" CHECK ("earning_rules"."basis" in ('participant', 'partner') and "earning_rules"."measure" in ('units', 'value')),
	CONSTRAINT "earning_rules_mode" CHECK (("earning_rules"."kind" = 'accelerator') = ("earning_rules"."mode" is not null) and ("earning_rules"."mode" is null or "earning_rules"."mode" in ('marginal', 'whole'))),
	CONSTRAINT "earning_rules_bundle" CHECK (("earning_rules"."kind" = 'bundle') = ("earning_rules"."set_units" is not null and "earning_rules"."bonus" is not null) and ("earning_rules"."set_units" is null or "earning_rules"."set_units" between 1 and 100000) and ("earning_rules"."bonus" is null or "earning_rules"."bonus" between 1 and 1000000))
);
--> statement-breakpoint
ALTER TABLE "programme_settings" ADD COLUMN "first_claim_bonus" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "promotions" ADD COLUMN "tiers" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "promotions" ADD COLUMN "regions" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "promotions" ADD COLUMN "partner_ids" uuid[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "promotions" ADD COLUMN "roles" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "bonus_awards" ADD CONSTRAINT "bonus_awards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bonus_awards" ADD CONSTRAINT "bonus_awards_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bonus_awards" ADD CONSTRAINT "bonus_awards_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earning_rules" ADD CONSTRAINT "earning_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bonus_awards_live_key_unique" ON "bonus_awards" USING btree ("key") WHERE "bonus_awards"."reversed_at" is null;--> statement-breakpoint
CREATE INDEX "bonus_awards_claim_idx" ON "bonus_awards" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "earning_rules_window_idx" ON "earning_rules" USING btree ("starts_on","ends_on");