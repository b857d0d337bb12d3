CREATE TABLE "announcement_contents" (
	"announcement_id" uuid NOT NULL,
	"locale" "locale" NOT NULL,
	"title" text NOT NULL,
	"body_markdown" text NOT NULL,
	"body_html" text NOT NULL,
	CONSTRAINT "announcement_contents_announcement_id_locale_pk" PRIMARY KEY("announcement_id","locale")
);
--> statement-breakpoint
CREATE TABLE "announcement_deliveries" (
	"announcement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"notification_id" uuid NOT NULL,
	"email_id" uuid,
	"channel" text NOT NULL,
	CONSTRAINT "announcement_deliveries_announcement_id_user_id_pk" PRIMARY KEY("announcement_id","user_id"),
	CONSTRAINT "announcement_deliveries_channel_check" CHECK ("announcement_deliveries"."channel" in ('email', 'digest', 'off'))
);
--> statement-breakpoint
CREATE TABLE "announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"author_id" uuid NOT NULL,
	"organisation_id" uuid,
	"segment" jsonb NOT NULL,
	"link" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"send_at" timestamp with time zone,
	"queued_at" timestamp with time zone,
	"recipients" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "announcements_status_check" CHECK ("announcements"."status" in ('draft', 'scheduled', 'sent'))
);
--> statement-breakpoint
CREATE TABLE "communication_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digest_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"notification_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"digest_id" uuid
);
--> statement-breakpoint
CREATE TABLE "digests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"week_start" date NOT NULL,
	"items" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_topic_modes" (
	"user_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"mode" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_topic_modes_user_id_topic_pk" PRIMARY KEY("user_id","topic"),
	CONSTRAINT "email_topic_modes_mode_check" CHECK ("email_topic_modes"."mode" in ('instant', 'weekly', 'off'))
);
--> statement-breakpoint
CREATE TABLE "region_time_zones" (
	"region" text PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tip_texts" (
	"tip_id" uuid NOT NULL,
	"locale" "locale" NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "tip_texts_tip_id_locale_pk" PRIMARY KEY("tip_id","locale")
);
--> statement-breakpoint
CREATE TABLE "tip_views" (
	"user_id" uuid NOT NULL,
	"tip_id" uuid NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tip_views_user_id_tip_id_pk" PRIMARY KEY("user_id","tip_id")
);
--> statement-breakpoint
CREATE TABLE "tips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "announcement_contents" ADD CONSTRAINT "announcement_contents_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_deliveries" ADD CONSTRAINT "announcement_deliveries_announcement_id_announcements_id_fk" FOREIGN KEY ("announcement_id") REFERENCES "public"."announcements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcement_deliveries" ADD CONSTRAINT "announcement_deliveries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "announcements" ADD CONSTRAINT "announcements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_settings" ADD CONSTRAINT "communication_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_items" ADD CONSTRAINT "digest_items_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_topic_modes" ADD CONSTRAINT "email_topic_modes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_texts" ADD CONSTRAINT "tip_texts_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_views" ADD CONSTRAINT "tip_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_views" ADD CONSTRAINT "tip_views_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "announcements_due_idx" ON "announcements" USING btree ("status","send_at");--> statement-breakpoint
CREATE INDEX "announcements_organisation_idx" ON "announcements" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "digest_items_waiting_idx" ON "digest_items" USING btree ("user_id","created_at") WHERE "digest_items"."digest_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "digests_user_week_unique" ON "digests" USING btree ("user_id","week_start");--> statement-breakpoint
CREATE INDEX "tips_category_idx" ON "tips" USING btree ("category");--> statement-breakpoint
-- custom: communication
-- Default time zones of the regions partners are in; people may choose their own on their profile.
INSERT INTO "region_time_zones" ("region", "time_zone") VALUES
  ('Baltics', 'Europe/Vilnius'), ('UK North', 'Europe/London'), ('UK South', 'Europe/London'),
  ('Russia Ural', 'Asia/Yekaterinburg'), ('Nordics', 'Europe/Stockholm'), ('DACH', 'Europe/Berlin'), ('Global', 'UTC')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Read counts per announcement join the inbox by notice id; segments by activity read the ledger by user and time.
CREATE INDEX IF NOT EXISTS "announcement_deliveries_notification_idx" ON "announcement_deliveries" ("notification_id");
