CREATE TABLE "monthly_report_sends" (
	"user_id" uuid NOT NULL,
	"month" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "monthly_report_sends_user_id_month_pk" PRIMARY KEY("user_id","month")
);
--> statement-breakpoint
ALTER TABLE "monthly_report_sends" ADD CONSTRAINT "monthly_report_sends_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- custom: reports
-- Indexes the report dashboards read by (period ranges per partner and across the programme).
-- The programme-wide ledger index carries what the aggregates need, so they read the index only.
CREATE INDEX IF NOT EXISTS "ledger_entries_report_idx" ON "ledger_entries" ("created_at") INCLUDE ("kind", "amount", "user_id", "organisation_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "claims_org_submitted_idx" ON "claims" ("organisation_id", "submitted_at") WHERE "status" <> 'draft';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "claims_org_decided_idx" ON "claims" ("organisation_id", "decided_at") WHERE "decided_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "claims_submitted_idx" ON "claims" ("submitted_at") WHERE "status" <> 'draft';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "claims_decided_idx" ON "claims" ("decided_at") INCLUDE ("organisation_id", "points", "status") WHERE "decided_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "claims_approved_invoice_idx" ON "claims" ("invoice_date") WHERE "status" = 'approved';
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_created_idx" ON "users" ("created_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "quiz_attempts_org_passed_idx" ON "quiz_attempts" ("organisation_id", "submitted_at") WHERE "passed";
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "orders_placed_idx" ON "orders" ("placed_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ledger_entries_lots_report_idx" ON "ledger_entries" ("expires_at") INCLUDE ("amount", "organisation_id", "id") WHERE "amount" > 0;
