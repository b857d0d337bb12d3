CREATE TYPE "public"."contest_metric" AS ENUM('sales_points', 'units', 'revenue', 'courses_passed');--> statement-breakpoint
CREATE TYPE "public"."contest_privacy" AS ENUM('full_name', 'initials_partner', 'partner_only');--> statement-breakpoint
CREATE TYPE "public"."contest_ranking" AS ENUM('individual', 'team');--> statement-breakpoint
CREATE TYPE "public"."contest_scope" AS ENUM('all', 'tier', 'region', 'list');--> statement-breakpoint
CREATE TABLE "contest_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"contest_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"value" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"counted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contest_partners" (
	"contest_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "contest_partners_contest_id_organisation_id_pk" PRIMARY KEY("contest_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "contest_prizes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contest_id" uuid NOT NULL,
	"rank_from" integer NOT NULL,
	"rank_to" integer NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	CONSTRAINT "contest_prizes_ranks" CHECK ("contest_prizes"."rank_from" >= 1 and "contest_prizes"."rank_to" >= "contest_prizes"."rank_from" and "contest_prizes"."points" >= 0)
);
--> statement-breakpoint
CREATE TABLE "contest_results" (
	"contest_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"participant_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"prize_points" integer DEFAULT 0 NOT NULL,
	"prize_description" text DEFAULT '' NOT NULL,
	CONSTRAINT "contest_results_contest_id_participant_id_pk" PRIMARY KEY("contest_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "contest_scores" (
	"contest_id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"score" integer DEFAULT 0 NOT NULL,
	"reached_at" timestamp with time zone NOT NULL,
	CONSTRAINT "contest_scores_contest_id_participant_id_pk" PRIMARY KEY("contest_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "contests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"rules" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"grace_days" integer DEFAULT 7 NOT NULL,
	"scope" "contest_scope" DEFAULT 'all' NOT NULL,
	"tiers" "tier"[] DEFAULT '{}' NOT NULL,
	"regions" text[] DEFAULT '{}' NOT NULL,
	"roles" "role"[] NOT NULL,
	"metric" "contest_metric" NOT NULL,
	"product_skus" text[] DEFAULT '{}' NOT NULL,
	"ranking" "contest_ranking" DEFAULT 'individual' NOT NULL,
	"min_score" integer DEFAULT 0 NOT NULL,
	"privacy" "contest_privacy" DEFAULT 'initials_partner' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "contests_period" CHECK ("contests"."ends_at" > "contests"."starts_at"),
	CONSTRAINT "contests_grace" CHECK ("contests"."grace_days" >= 0 and "contests"."grace_days" <= 90),
	CONSTRAINT "contests_min_score" CHECK ("contests"."min_score" >= 0)
);
--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_partners" ADD CONSTRAINT "contest_partners_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_partners" ADD CONSTRAINT "contest_partners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_prizes" ADD CONSTRAINT "contest_prizes_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_results" ADD CONSTRAINT "contest_results_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_scores" ADD CONSTRAINT "contest_scores_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_scores" ADD CONSTRAINT "contest_scores_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contests" ADD CONSTRAINT "contests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contest_entries_source_unique" ON "contest_entries" USING btree ("contest_id","source_type","source_id","user_id");--> statement-breakpoint
CREATE INDEX "contest_entries_participant_idx" ON "contest_entries" USING btree ("contest_id","participant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contest_results_rank_unique" ON "contest_results" USING btree ("contest_id","rank");--> statement-breakpoint
CREATE INDEX "contest_scores_board_idx" ON "contest_scores" USING btree ("contest_id","score" DESC NULLS FIRST,"reached_at","participant_id");