CREATE TYPE "public"."costshare_activity" AS ENUM('print_ad', 'outdoor', 'online', 'social', 'trade_show', 'event', 'in_store', 'other');--> statement-breakpoint
CREATE TYPE "public"."costshare_claim_status" AS ENUM('submitted', 'returned', 'rejected', 'approved', 'paid');--> statement-breakpoint
CREATE TYPE "public"."costshare_entry_kind" AS ENUM('allocation', 'accrual', 'adjustment', 'commitment', 'release', 'claim', 'payment', 'expiry');--> statement-breakpoint
CREATE TYPE "public"."costshare_file_kind" AS ENUM('layout', 'final', 'proof');--> statement-breakpoint
CREATE TYPE "public"."costshare_payment_method" AS ENUM('credit_note', 'bank_transfer');--> statement-breakpoint
CREATE TYPE "public"."costshare_request_status" AS ENUM('submitted', 'returned', 'second_approval', 'approved', 'rejected', 'cancelled', 'expired', 'claimed');--> statement-breakpoint
CREATE TABLE "costshare_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"request_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"status" "costshare_claim_status" DEFAULT 'submitted' NOT NULL,
	"actual_cost_minor" bigint NOT NULL,
	"brands_shown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reimbursement_minor" bigint NOT NULL,
	"calculation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approved_minor" bigint,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"decision_note" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "costshare_claims_amounts" CHECK ("costshare_claims"."actual_cost_minor" > 0 and "costshare_claims"."reimbursement_minor" >= 0 and "costshare_claims"."paid_minor" >= 0 and "costshare_claims"."paid_minor" <= coalesce("costshare_claims"."approved_minor", 0))
);
--> statement-breakpoint
CREATE TABLE "costshare_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"event" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "costshare_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"fund_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "costshare_entry_kind" NOT NULL,
	"amount" bigint NOT NULL,
	"source_key" text NOT NULL,
	"request_id" uuid,
	"claim_id" uuid,
	"payment_id" uuid,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "costshare_entries_amount" CHECK (("costshare_entries"."kind" = 'adjustment' and "costshare_entries"."amount" <> 0) or ("costshare_entries"."kind" <> 'adjustment' and "costshare_entries"."amount" > 0))
);
--> statement-breakpoint
CREATE TABLE "costshare_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"claim_id" uuid,
	"kind" "costshare_file_kind" NOT NULL,
	"stored_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"original_name" text DEFAULT '' NOT NULL,
	"review" text DEFAULT 'pending' NOT NULL,
	"review_note" text,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "costshare_funds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"allocated" bigint DEFAULT 0 NOT NULL,
	"committed" bigint DEFAULT 0 NOT NULL,
	"claimed" bigint DEFAULT 0 NOT NULL,
	"paid" bigint DEFAULT 0 NOT NULL,
	"expired" bigint DEFAULT 0 NOT NULL,
	"available" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "costshare_funds_available_not_negative" CHECK ("costshare_funds"."available" >= 0),
	CONSTRAINT "costshare_funds_figures" CHECK ("costshare_funds"."committed" >= 0 and "costshare_funds"."claimed" >= 0 and "costshare_funds"."paid" >= 0 and "costshare_funds"."expired" >= 0 and "costshare_funds"."claimed" <= "costshare_funds"."committed" and "costshare_funds"."paid" <= "costshare_funds"."claimed")
);
--> statement-breakpoint
CREATE TABLE "costshare_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"organisation_id" uuid NOT NULL,
	"paid_on" date NOT NULL,
	"method" "costshare_payment_method" NOT NULL,
	"reference" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "costshare_payments_total" CHECK ("costshare_payments"."total_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "costshare_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "costshare_periods_dates" CHECK ("costshare_periods"."starts_on" <= "costshare_periods"."ends_on" and "costshare_periods"."ends_on" <= "costshare_periods"."expires_on")
);
--> statement-breakpoint
CREATE TABLE "costshare_reminders" (
	"key" text PRIMARY KEY NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "costshare_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"organisation_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"status" "costshare_request_status" DEFAULT 'submitted' NOT NULL,
	"activity_type" "costshare_activity" NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"planned_cost_minor" bigint NOT NULL,
	"other_brands" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"equal_split" integer DEFAULT 0 NOT NULL,
	"expected_outcome" text DEFAULT '' NOT NULL,
	"expected_leads" integer,
	"expected_reach" integer,
	"requested_share_bp" integer NOT NULL,
	"requested_minor" bigint NOT NULL,
	"calculation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approved_share_bp" integer,
	"approved_minor" bigint,
	"first_approver_id" uuid,
	"second_approver_id" uuid,
	"decision_note" text,
	"decided_at" timestamp with time zone,
	"claim_by" date NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "costshare_requests_dates" CHECK ("costshare_requests"."starts_on" <= "costshare_requests"."ends_on"),
	CONSTRAINT "costshare_requests_amounts" CHECK ("costshare_requests"."planned_cost_minor" > 0 and "costshare_requests"."requested_minor" >= 0 and ("costshare_requests"."approved_minor" is null or "costshare_requests"."approved_minor" >= 0))
);
--> statement-breakpoint
CREATE TABLE "costshare_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"rule_kind" text DEFAULT 'table' NOT NULL,
	"base_share_bp" integer DEFAULT 5000 NOT NULL,
	"share_table" jsonb DEFAULT '[5000,3500,2500,1500]'::jsonb NOT NULL,
	"lead_business_days" integer DEFAULT 10 NOT NULL,
	"claim_window_days" integer DEFAULT 60 NOT NULL,
	"expiry_days" integer DEFAULT 30 NOT NULL,
	"second_approval_above_minor" bigint DEFAULT 500000 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "costshare_settings_single_row" CHECK ("costshare_settings"."id" = 1),
	CONSTRAINT "costshare_settings_values" CHECK ("costshare_settings"."base_share_bp" between 0 and 10000 and "costshare_settings"."lead_business_days" between 0 and 120 and "costshare_settings"."claim_window_days" between 1 and 730 and "costshare_settings"."expiry_days" between 0 and 730 and "costshare_settings"."second_approval_above_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "costshare_tier_rates" (
	"period_id" uuid NOT NULL,
	"tier" "tier" NOT NULL,
	"rate_bp" integer NOT NULL,
	CONSTRAINT "costshare_tier_rates_period_id_tier_pk" PRIMARY KEY("period_id","tier"),
	CONSTRAINT "costshare_tier_rates_range" CHECK ("costshare_tier_rates"."rate_bp" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "costshare_claims" ADD CONSTRAINT "costshare_claims_request_id_costshare_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."costshare_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_claims" ADD CONSTRAINT "costshare_claims_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_claims" ADD CONSTRAINT "costshare_claims_fund_id_costshare_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."costshare_funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_claims" ADD CONSTRAINT "costshare_claims_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_claims" ADD CONSTRAINT "costshare_claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_comments" ADD CONSTRAINT "costshare_comments_request_id_costshare_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."costshare_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_comments" ADD CONSTRAINT "costshare_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_entries" ADD CONSTRAINT "costshare_entries_fund_id_costshare_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."costshare_funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_entries" ADD CONSTRAINT "costshare_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_entries" ADD CONSTRAINT "costshare_entries_request_id_costshare_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."costshare_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_entries" ADD CONSTRAINT "costshare_entries_claim_id_costshare_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."costshare_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_entries" ADD CONSTRAINT "costshare_entries_payment_id_costshare_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."costshare_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_entries" ADD CONSTRAINT "costshare_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_files" ADD CONSTRAINT "costshare_files_request_id_costshare_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."costshare_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_files" ADD CONSTRAINT "costshare_files_claim_id_costshare_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."costshare_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_files" ADD CONSTRAINT "costshare_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_funds" ADD CONSTRAINT "costshare_funds_period_id_costshare_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."costshare_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_funds" ADD CONSTRAINT "costshare_funds_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_payments" ADD CONSTRAINT "costshare_payments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_payments" ADD CONSTRAINT "costshare_payments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_requests" ADD CONSTRAINT "costshare_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_requests" ADD CONSTRAINT "costshare_requests_fund_id_costshare_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."costshare_funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_requests" ADD CONSTRAINT "costshare_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_requests" ADD CONSTRAINT "costshare_requests_first_approver_id_users_id_fk" FOREIGN KEY ("first_approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_requests" ADD CONSTRAINT "costshare_requests_second_approver_id_users_id_fk" FOREIGN KEY ("second_approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "costshare_tier_rates" ADD CONSTRAINT "costshare_tier_rates_period_id_costshare_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."costshare_periods"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "costshare_claims_number_unique" ON "costshare_claims" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "costshare_claims_request_unique" ON "costshare_claims" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "costshare_claims_org_idx" ON "costshare_claims" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "costshare_claims_status_idx" ON "costshare_claims" USING btree ("status");--> statement-breakpoint
CREATE INDEX "costshare_comments_request_idx" ON "costshare_comments" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "costshare_entries_source_unique" ON "costshare_entries" USING btree ("kind","source_key");--> statement-breakpoint
CREATE INDEX "costshare_entries_fund_idx" ON "costshare_entries" USING btree ("fund_id","created_at");--> statement-breakpoint
CREATE INDEX "costshare_files_request_idx" ON "costshare_files" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "costshare_files_claim_idx" ON "costshare_files" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "costshare_funds_partner_period_unique" ON "costshare_funds" USING btree ("organisation_id","period_id");--> statement-breakpoint
CREATE INDEX "costshare_funds_period_idx" ON "costshare_funds" USING btree ("period_id");--> statement-breakpoint
CREATE UNIQUE INDEX "costshare_payments_number_unique" ON "costshare_payments" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "costshare_periods_name_unique" ON "costshare_periods" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "costshare_requests_number_unique" ON "costshare_requests" USING btree ("number");--> statement-breakpoint
CREATE INDEX "costshare_requests_org_idx" ON "costshare_requests" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "costshare_requests_status_idx" ON "costshare_requests" USING btree ("status","claim_by");--> statement-breakpoint
CREATE INDEX "costshare_requests_fund_idx" ON "costshare_requests" USING btree ("fund_id");--> statement-breakpoint
-- custom: costshare
-- The cost-share ledger is append-only like the points ledger: a correction is a new entry.
CREATE TRIGGER costshare_entries_append_only BEFORE UPDATE OR DELETE ON costshare_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
INSERT INTO costshare_settings (id) VALUES (1) ON CONFLICT DO NOTHING;
