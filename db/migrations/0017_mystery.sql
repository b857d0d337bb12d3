CREATE TYPE "public"."mystery_dispute_status" AS ENUM('open', 'upheld', 'overturned');--> statement-breakpoint
CREATE TYPE "public"."mystery_scenario_status" AS ENUM('draft', 'published', 'retired');--> statement-breakpoint
CREATE TYPE "public"."mystery_visit_status" AS ENUM('planned', 'submitted', 'published', 'voided');--> statement-breakpoint
CREATE TABLE "mystery_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"raised_by" uuid NOT NULL,
	"question_id" text,
	"reason" text NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"status" "mystery_dispute_status" DEFAULT 'open' NOT NULL,
	"outcome" text,
	"previous_score_permille" integer,
	"new_score_permille" integer,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mystery_disputes_outcome" CHECK ("mystery_disputes"."outcome" is null or "mystery_disputes"."outcome" in ('rescored', 'voided'))
);
--> statement-breakpoint
CREATE TABLE "mystery_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"stored_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mystery_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" "mystery_scenario_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"legend" text NOT NULL,
	"instructions" text DEFAULT '' NOT NULL,
	"questionnaire" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "mystery_scenarios_version_positive" CHECK ("mystery_scenarios"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "mystery_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"award_points" integer DEFAULT 50 NOT NULL,
	"dispute_window_days" integer DEFAULT 7 NOT NULL,
	"rotation_days" integer DEFAULT 60 NOT NULL,
	"report_due_hours" integer DEFAULT 24 NOT NULL,
	"review_required" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mystery_settings_single_row" CHECK ("mystery_settings"."id" = 1),
	CONSTRAINT "mystery_settings_values" CHECK ("mystery_settings"."award_points" >= 0 and "mystery_settings"."dispute_window_days" >= 0 and "mystery_settings"."rotation_days" >= 0 and "mystery_settings"."report_due_hours" > 0)
);
--> statement-breakpoint
CREATE TABLE "mystery_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"wave_id" uuid NOT NULL,
	"outlet_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"scenario_id" uuid NOT NULL,
	"auditor_id" uuid NOT NULL,
	"due_from" date NOT NULL,
	"due_to" date NOT NULL,
	"status" "mystery_visit_status" DEFAULT 'planned' NOT NULL,
	"visited_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"late" boolean DEFAULT false NOT NULL,
	"seller_user_id" uuid,
	"seller_description" text DEFAULT '' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"earned_units" integer,
	"possible_units" integer,
	"score_permille" integer,
	"section_scores" jsonb,
	"key_passed" boolean,
	"review_note" text,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"dispute_until" timestamp with time zone,
	"award_entry_id" bigint,
	"award_points" integer DEFAULT 0 NOT NULL,
	"award_reversed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mystery_visits_due_window" CHECK ("mystery_visits"."due_to" >= "mystery_visits"."due_from"),
	CONSTRAINT "mystery_visits_score_range" CHECK ("mystery_visits"."score_permille" is null or ("mystery_visits"."score_permille" between 0 and 1000))
);
--> statement-breakpoint
CREATE TABLE "mystery_waves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"blackout_dates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mystery_waves_dates" CHECK ("mystery_waves"."ends_on" >= "mystery_waves"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "mystery_disputes" ADD CONSTRAINT "mystery_disputes_visit_id_mystery_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."mystery_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_disputes" ADD CONSTRAINT "mystery_disputes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_disputes" ADD CONSTRAINT "mystery_disputes_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_disputes" ADD CONSTRAINT "mystery_disputes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_photos" ADD CONSTRAINT "mystery_photos_visit_id_mystery_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."mystery_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_scenarios" ADD CONSTRAINT "mystery_scenarios_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_visits" ADD CONSTRAINT "mystery_visits_wave_id_mystery_waves_id_fk" FOREIGN KEY ("wave_id") REFERENCES "public"."mystery_waves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_visits" ADD CONSTRAINT "mystery_visits_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_visits" ADD CONSTRAINT "mystery_visits_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_visits" ADD CONSTRAINT "mystery_visits_scenario_id_mystery_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."mystery_scenarios"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_visits" ADD CONSTRAINT "mystery_visits_auditor_id_users_id_fk" FOREIGN KEY ("auditor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_visits" ADD CONSTRAINT "mystery_visits_seller_user_id_users_id_fk" FOREIGN KEY ("seller_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_visits" ADD CONSTRAINT "mystery_visits_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_visits" ADD CONSTRAINT "mystery_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mystery_waves" ADD CONSTRAINT "mystery_waves_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mystery_disputes_visit_idx" ON "mystery_disputes" USING btree ("visit_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mystery_disputes_one_open" ON "mystery_disputes" USING btree ("visit_id") WHERE "mystery_disputes"."status" = 'open';--> statement-breakpoint
CREATE INDEX "mystery_photos_visit_idx" ON "mystery_photos" USING btree ("visit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mystery_scenarios_version_unique" ON "mystery_scenarios" USING btree ("family_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "mystery_scenarios_one_draft" ON "mystery_scenarios" USING btree ("family_id") WHERE "mystery_scenarios"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "mystery_visits_wave_idx" ON "mystery_visits" USING btree ("wave_id");--> statement-breakpoint
CREATE INDEX "mystery_visits_auditor_idx" ON "mystery_visits" USING btree ("auditor_id","due_from");--> statement-breakpoint
CREATE INDEX "mystery_visits_outlet_idx" ON "mystery_visits" USING btree ("outlet_id","due_from");--> statement-breakpoint
CREATE INDEX "mystery_visits_organisation_idx" ON "mystery_visits" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "mystery_visits_seller_idx" ON "mystery_visits" USING btree ("seller_user_id") WHERE "mystery_visits"."award_points" > 0;--> statement-breakpoint
CREATE INDEX "mystery_waves_starts_idx" ON "mystery_waves" USING btree ("starts_on");