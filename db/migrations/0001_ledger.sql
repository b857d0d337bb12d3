CREATE TYPE "public"."ledger_kind" AS ENUM('earn', 'redeem', 'expire', 'adjust', 'reverse');--> statement-breakpoint
CREATE TABLE "expiry_warnings" (
	"lot_entry_id" bigint PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_allocations" (
	"debit_entry_id" bigint NOT NULL,
	"lot_entry_id" bigint NOT NULL,
	"points" integer NOT NULL,
	CONSTRAINT "ledger_allocations_debit_entry_id_lot_entry_id_pk" PRIMARY KEY("debit_entry_id","lot_entry_id"),
	CONSTRAINT "ledger_allocations_points_positive" CHECK ("ledger_allocations"."points" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"amount" integer NOT NULL,
	"expires_at" timestamp with time zone,
	"description_key" text NOT NULL,
	"description_vars" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calculation" jsonb,
	"reverses_entry_id" bigint,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_entries_amount_not_zero" CHECK ("ledger_entries"."amount" <> 0),
	CONSTRAINT "ledger_entries_sign_matches_kind" CHECK (("ledger_entries"."kind" = 'earn' and "ledger_entries"."amount" > 0) or ("ledger_entries"."kind" in ('redeem', 'expire') and "ledger_entries"."amount" < 0) or "ledger_entries"."kind" in ('adjust', 'reverse'))
);
--> statement-breakpoint
CREATE TABLE "point_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"earned_total" integer DEFAULT 0 NOT NULL,
	"spent_total" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_accounts_balance_not_negative" CHECK ("point_accounts"."balance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "programme_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"point_value_minor" integer DEFAULT 1 NOT NULL,
	"expiry_months" integer DEFAULT 24 NOT NULL,
	"welcome_bonus" integer DEFAULT 100 NOT NULL,
	"monthly_earn_cap" integer,
	"expiry_warning_days" integer DEFAULT 30 NOT NULL,
	"claim_window_days" integer DEFAULT 90 NOT NULL,
	"partner_manager_check" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_settings_single_row" CHECK ("programme_settings"."id" = 1),
	CONSTRAINT "programme_settings_values" CHECK ("programme_settings"."point_value_minor" >= 0 and "programme_settings"."expiry_months" > 0 and "programme_settings"."welcome_bonus" >= 0 and ("programme_settings"."monthly_earn_cap" is null or "programme_settings"."monthly_earn_cap" > 0))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"title_key" text NOT NULL,
	"body_key" text,
	"vars" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "expiry_warnings" ADD CONSTRAINT "expiry_warnings_lot_entry_id_ledger_entries_id_fk" FOREIGN KEY ("lot_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_allocations" ADD CONSTRAINT "ledger_allocations_debit_entry_id_ledger_entries_id_fk" FOREIGN KEY ("debit_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_allocations" ADD CONSTRAINT "ledger_allocations_lot_entry_id_ledger_entries_id_fk" FOREIGN KEY ("lot_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_accounts" ADD CONSTRAINT "point_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_accounts" ADD CONSTRAINT "point_accounts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_allocations_lot_idx" ON "ledger_allocations" USING btree ("lot_entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entries_source_unique" ON "ledger_entries" USING btree ("user_id","kind","source_type","source_id");--> statement-breakpoint
CREATE INDEX "ledger_entries_user_created_idx" ON "ledger_entries" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_lots_idx" ON "ledger_entries" USING btree ("user_id","expires_at") WHERE "ledger_entries"."amount" > 0;--> statement-breakpoint
CREATE INDEX "ledger_entries_organisation_idx" ON "ledger_entries" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "point_accounts_organisation_idx" ON "point_accounts" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");