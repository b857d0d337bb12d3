CREATE TYPE "public"."sellout_match_status" AS ENUM('matched', 'partial', 'unmatched');--> statement-breakpoint
CREATE TYPE "public"."sellout_upload_status" AS ENUM('active', 'replaced', 'withdrawn');--> statement-breakpoint
CREATE TABLE "sellout_matches" (
	"claim_id" uuid PRIMARY KEY NOT NULL,
	"status" "sellout_match_status" NOT NULL,
	"lines_total" integer NOT NULL,
	"lines_matched" integer NOT NULL,
	"foreign_serials" text[] DEFAULT '{}' NOT NULL,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sellout_reporters" (
	"distributor_id" uuid NOT NULL,
	"dealer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sellout_reporters_distributor_id_dealer_id_pk" PRIMARY KEY("distributor_id","dealer_id")
);
--> statement-breakpoint
CREATE TABLE "sellout_rows" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"upload_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"invoice_key" text NOT NULL,
	"invoice_date" date NOT NULL,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "sellout_rows_quantity" CHECK ("sellout_rows"."quantity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "sellout_serials" (
	"serial" text NOT NULL,
	"upload_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"sku" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sellout_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"auto_approve" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sellout_settings_single_row" CHECK ("sellout_settings"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "sellout_uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uploader_organisation_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"filename" text DEFAULT '' NOT NULL,
	"status" "sellout_upload_status" DEFAULT 'active' NOT NULL,
	"row_count" integer DEFAULT 0 NOT NULL,
	"replaced_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "sellout_matches" ADD CONSTRAINT "sellout_matches_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellout_reporters" ADD CONSTRAINT "sellout_reporters_distributor_id_organisations_id_fk" FOREIGN KEY ("distributor_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellout_reporters" ADD CONSTRAINT "sellout_reporters_dealer_id_organisations_id_fk" FOREIGN KEY ("dealer_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellout_rows" ADD CONSTRAINT "sellout_rows_upload_id_sellout_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."sellout_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellout_rows" ADD CONSTRAINT "sellout_rows_partner_id_organisations_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellout_serials" ADD CONSTRAINT "sellout_serials_upload_id_sellout_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."sellout_uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellout_uploads" ADD CONSTRAINT "sellout_uploads_uploader_organisation_id_organisations_id_fk" FOREIGN KEY ("uploader_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sellout_uploads" ADD CONSTRAINT "sellout_uploads_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sellout_rows_match_idx" ON "sellout_rows" USING btree ("partner_id","invoice_key","sku");--> statement-breakpoint
CREATE INDEX "sellout_rows_upload_idx" ON "sellout_rows" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "sellout_serials_serial_idx" ON "sellout_serials" USING btree ("serial","partner_id");--> statement-breakpoint
CREATE INDEX "sellout_serials_upload_idx" ON "sellout_serials" USING btree ("upload_id");--> statement-breakpoint
CREATE INDEX "sellout_uploads_uploader_idx" ON "sellout_uploads" USING btree ("uploader_organisation_id","created_at");--> statement-breakpoint
-- custom: sellout
insert into "sellout_settings" ("id") values (1) on conflict do nothing;
