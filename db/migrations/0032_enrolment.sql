CREATE TABLE "enrolment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"outlet_id" uuid,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"role" "role" NOT NULL,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"note" text,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolment_requests_status" CHECK ("enrolment_requests"."status" in ('pending', 'approved', 'declined')),
	CONSTRAINT "enrolment_requests_contact" CHECK ("enrolment_requests"."email" is not null or "enrolment_requests"."phone" is not null),
	CONSTRAINT "enrolment_requests_partner_role" CHECK ("enrolment_requests"."role" in ('executive', 'manager', 'salesperson', 'technician'))
);
--> statement-breakpoint
CREATE TABLE "enrolment_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"referral_bonus" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrolment_settings_single" CHECK ("enrolment_settings"."id" = 1),
	CONSTRAINT "enrolment_settings_bonus" CHECK ("enrolment_settings"."referral_bonus" between 0 and 1000000)
);
--> statement-breakpoint
CREATE TABLE "partner_participation" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"join_code" text NOT NULL,
	"terms_version" integer,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"roles" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_participation_join_code_shape" CHECK ("partner_participation"."join_code" ~ '^[A-Z0-9]{8}$'),
	CONSTRAINT "partner_participation_accepted" CHECK (("partner_participation"."terms_version" is null) = ("partner_participation"."accepted_at" is null))
);
--> statement-breakpoint
CREATE TABLE "programme_terms" (
	"version" integer PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referrer_id" uuid NOT NULL,
	"referrer_organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"invitee_id" uuid,
	"joined_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_contact" CHECK ("referrals"."email" is not null or "referrals"."phone" is not null)
);
--> statement-breakpoint
ALTER TABLE "enrolment_requests" ADD CONSTRAINT "enrolment_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_requests" ADD CONSTRAINT "enrolment_requests_outlet_id_outlets_id_fk" FOREIGN KEY ("outlet_id") REFERENCES "public"."outlets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_requests" ADD CONSTRAINT "enrolment_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_requests" ADD CONSTRAINT "enrolment_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_participation" ADD CONSTRAINT "partner_participation_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_participation" ADD CONSTRAINT "partner_participation_terms_version_programme_terms_version_fk" FOREIGN KEY ("terms_version") REFERENCES "public"."programme_terms"("version") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_participation" ADD CONSTRAINT "partner_participation_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_terms" ADD CONSTRAINT "programme_terms_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_id_users_id_fk" FOREIGN KEY ("referrer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referrer_organisation_id_organisations_id_fk" FOREIGN KEY ("referrer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_invitee_id_users_id_fk" FOREIGN KEY ("invitee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_requests_pending_email_unique" ON "enrolment_requests" USING btree (lower("email")) WHERE "enrolment_requests"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_requests_pending_phone_unique" ON "enrolment_requests" USING btree ("phone") WHERE "enrolment_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "enrolment_requests_org_idx" ON "enrolment_requests" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_participation_join_code_unique" ON "partner_participation" USING btree ("join_code");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_email_unique" ON "referrals" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_phone_unique" ON "referrals" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_invitee_unique" ON "referrals" USING btree ("invitee_id");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("referrer_id","created_at");--> statement-breakpoint
-- custom: enrolment
-- The one settings row exists from the start, so saving the referral bonus is an UPDATE.
INSERT INTO "enrolment_settings" ("id", "referral_bonus") VALUES (1, 0) ON CONFLICT DO NOTHING;
