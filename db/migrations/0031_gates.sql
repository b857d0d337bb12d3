CREATE TYPE "public"."gated_subject" AS ENUM('contest', 'reward', 'tier');--> statement-breakpoint
CREATE TABLE "promotion_budget_spends" (
	"promotion_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"wanted_points" integer NOT NULL,
	"granted_points" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotion_budget_spends_promotion_id_claim_id_pk" PRIMARY KEY("promotion_id","claim_id"),
	CONSTRAINT "promotion_budget_spends_range" CHECK ("promotion_budget_spends"."granted_points" >= 0 and "promotion_budget_spends"."granted_points" <= "promotion_budget_spends"."wanted_points")
);
--> statement-breakpoint
CREATE TABLE "promotion_budgets" (
	"promotion_id" uuid PRIMARY KEY NOT NULL,
	"budget_points" integer NOT NULL,
	"spent_points" integer DEFAULT 0 NOT NULL,
	"alerted_at" timestamp with time zone,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotion_budgets_positive" CHECK ("promotion_budgets"."budget_points" > 0 and "promotion_budgets"."budget_points" <= 1000000000),
	CONSTRAINT "promotion_budgets_within" CHECK ("promotion_budgets"."spent_points" >= 0 and "promotion_budgets"."spent_points" <= "promotion_budgets"."budget_points")
);
--> statement-breakpoint
CREATE TABLE "training_requirements" (
	"subject_type" "gated_subject" NOT NULL,
	"subject_id" text NOT NULL,
	"course_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_requirements_subject_type_subject_id_course_id_pk" PRIMARY KEY("subject_type","subject_id","course_id"),
	CONSTRAINT "training_requirements_subject" CHECK ("training_requirements"."subject_id" <> '' and length("training_requirements"."subject_id") <= 64)
);
--> statement-breakpoint
ALTER TABLE "promotion_budget_spends" ADD CONSTRAINT "promotion_budget_spends_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_budget_spends" ADD CONSTRAINT "promotion_budget_spends_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_budgets" ADD CONSTRAINT "promotion_budgets_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_budgets" ADD CONSTRAINT "promotion_budgets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_requirements" ADD CONSTRAINT "training_requirements_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_requirements" ADD CONSTRAINT "training_requirements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "promotion_budget_spends_claim_idx" ON "promotion_budget_spends" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "training_requirements_course_idx" ON "training_requirements" USING btree ("course_id");