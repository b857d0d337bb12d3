CREATE TYPE "public"."tier_basis" AS ENUM('sales', 'points');--> statement-breakpoint
CREATE TYPE "public"."tier_cadence" AS ENUM('monthly', 'quarterly');--> statement-breakpoint
CREATE TYPE "public"."tier_change_reason" AS ENUM('review', 'pin', 'unpin');--> statement-breakpoint
CREATE TABLE "tier_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"from_tier" "tier" NOT NULL,
	"to_tier" "tier" NOT NULL,
	"reason" "tier_change_reason" NOT NULL,
	"review_key" text,
	"actor_id" uuid,
	"note" text,
	"volume" bigint,
	"certified" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tier_history_review_key" CHECK (("tier_history"."reason" = 'review') = ("tier_history"."review_key" is not null))
);
--> statement-breakpoint
CREATE TABLE "tier_reviews" (
	"key" text PRIMARY KEY NOT NULL,
	"run_by" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"changed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tier_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"basis" "tier_basis" DEFAULT 'sales' NOT NULL,
	"cadence" "tier_cadence" DEFAULT 'monthly' NOT NULL,
	"grace_days" integer DEFAULT 60 NOT NULL,
	"certification_course_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tier_settings_single_row" CHECK ("tier_settings"."id" = 1),
	CONSTRAINT "tier_settings_grace" CHECK ("tier_settings"."grace_days" between 0 and 365)
);
--> statement-breakpoint
CREATE TABLE "tier_status" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"pinned_tier" "tier",
	"pin_reason" text,
	"pinned_by" uuid,
	"pinned_at" timestamp with time zone,
	"at_risk_until" date,
	"last_volume" bigint,
	"last_certified" integer,
	"last_review_key" text,
	"last_reviewed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tier_thresholds" (
	"tier" "tier" PRIMARY KEY NOT NULL,
	"min_volume" bigint NOT NULL,
	"min_certified" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "tier_thresholds_not_registered" CHECK ("tier_thresholds"."tier" <> 'registered'),
	CONSTRAINT "tier_thresholds_values" CHECK ("tier_thresholds"."min_volume" >= 0 and "tier_thresholds"."min_certified" between 0 and 1000)
);
--> statement-breakpoint
ALTER TABLE "tier_history" ADD CONSTRAINT "tier_history_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_history" ADD CONSTRAINT "tier_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_reviews" ADD CONSTRAINT "tier_reviews_run_by_users_id_fk" FOREIGN KEY ("run_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_status" ADD CONSTRAINT "tier_status_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_status" ADD CONSTRAINT "tier_status_pinned_by_users_id_fk" FOREIGN KEY ("pinned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tier_history_org_idx" ON "tier_history" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tier_history_review_unique" ON "tier_history" USING btree ("organisation_id","review_key") WHERE "tier_history"."review_key" is not null;