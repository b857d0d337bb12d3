CREATE TYPE "public"."claim_event_kind" AS ENUM('submitted', 'resubmitted', 'checked', 'returned', 'info_requested', 'rejected', 'approved');--> statement-breakpoint
CREATE TYPE "public"."claim_status" AS ENUM('draft', 'manager_check', 'in_review', 'info_requested', 'rejected', 'approved');--> statement-breakpoint
CREATE TYPE "public"."multiplier_dimension" AS ENUM('tier', 'role');--> statement-breakpoint
CREATE TYPE "public"."promotion_scope" AS ENUM('category', 'products');--> statement-breakpoint
CREATE TABLE "claim_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"actor_id" uuid,
	"kind" "claim_event_kind" NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"stored_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"original_name" text DEFAULT '' NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_files_size" CHECK ("claim_files"."size" > 0)
);
--> statement-breakpoint
CREATE TABLE "claim_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"sku" text NOT NULL,
	"product_id" uuid,
	"quantity" integer,
	"serials" text[] DEFAULT '{}' NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "claim_lines_quantity_range" CHECK ("claim_lines"."quantity" is null or ("claim_lines"."quantity" >= 1 and "claim_lines"."quantity" <= 999))
);
--> statement-breakpoint
CREATE TABLE "claim_serials" (
	"serial" text NOT NULL,
	"claim_id" uuid NOT NULL,
	"line_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "claim_status" DEFAULT 'draft' NOT NULL,
	"invoice_number" text DEFAULT '' NOT NULL,
	"invoice_key" text DEFAULT '' NOT NULL,
	"invoice_loose_key" text DEFAULT '' NOT NULL,
	"invoice_date" date,
	"points" integer DEFAULT 0 NOT NULL,
	"calculation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"flags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"last_submitted_at" timestamp with time zone,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"credited_entry_id" bigint,
	"credited_points" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_submitted_complete" CHECK ("claims"."status" = 'draft' or ("claims"."invoice_key" <> '' and "claims"."invoice_date" is not null and "claims"."submitted_at" is not null)),
	CONSTRAINT "claims_points_not_negative" CHECK ("claims"."points" >= 0),
	CONSTRAINT "claims_decided" CHECK ("claims"."status" not in ('approved', 'rejected') or "claims"."decided_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "multiplier_rates" (
	"dimension" "multiplier_dimension" NOT NULL,
	"key" text NOT NULL,
	"valid_from" date NOT NULL,
	"percent" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "multiplier_rates_dimension_key_valid_from_pk" PRIMARY KEY("dimension","key","valid_from"),
	CONSTRAINT "multiplier_rates_percent_range" CHECK ("multiplier_rates"."percent" >= 0 and "multiplier_rates"."percent" <= 1000)
);
--> statement-breakpoint
CREATE TABLE "product_rates" (
	"product_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"points_per_unit" integer NOT NULL,
	CONSTRAINT "product_rates_product_id_valid_from_pk" PRIMARY KEY("product_id","valid_from"),
	CONSTRAINT "product_rates_points_range" CHECK ("product_rates"."points_per_unit" >= 0 and "product_rates"."points_per_unit" <= 1000000)
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"points_per_unit" integer NOT NULL,
	"requires_serial" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"list_price_minor" integer,
	"tip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_sku_normalised" CHECK ("products"."sku" = upper(btrim("products"."sku")) and "products"."sku" <> ''),
	CONSTRAINT "products_points_range" CHECK ("products"."points_per_unit" >= 0 and "products"."points_per_unit" <= 1000000),
	CONSTRAINT "products_price_not_negative" CHECK ("products"."list_price_minor" is null or "products"."list_price_minor" >= 0)
);
--> statement-breakpoint
CREATE TABLE "promotion_products" (
	"promotion_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "promotion_products_promotion_id_product_id_pk" PRIMARY KEY("promotion_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"scope" "promotion_scope" NOT NULL,
	"category" text,
	"percent" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotions_window" CHECK ("promotions"."ends_on" >= "promotions"."starts_on"),
	CONSTRAINT "promotions_percent_range" CHECK ("promotions"."percent" > 100 and "promotions"."percent" <= 1000),
	CONSTRAINT "promotions_scope_category" CHECK (("promotions"."scope" = 'category') = ("promotions"."category" is not null))
);
--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_files" ADD CONSTRAINT "claim_files_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_files" ADD CONSTRAINT "claim_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_lines" ADD CONSTRAINT "claim_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_serials" ADD CONSTRAINT "claim_serials_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_serials" ADD CONSTRAINT "claim_serials_line_id_claim_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."claim_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "multiplier_rates" ADD CONSTRAINT "multiplier_rates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_rates" ADD CONSTRAINT "product_rates_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_products" ADD CONSTRAINT "promotion_products_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotion_products" ADD CONSTRAINT "promotion_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_events_claim_idx" ON "claim_events" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_files_stored_name_unique" ON "claim_files" USING btree ("stored_name");--> statement-breakpoint
CREATE INDEX "claim_files_claim_idx" ON "claim_files" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE INDEX "claim_lines_claim_idx" ON "claim_lines" USING btree ("claim_id","position");--> statement-breakpoint
CREATE INDEX "claim_lines_product_idx" ON "claim_lines" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_serials_serial_unique" ON "claim_serials" USING btree ("serial");--> statement-breakpoint
CREATE INDEX "claim_serials_claim_idx" ON "claim_serials" USING btree ("claim_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_number_unique" ON "claims" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "claims_invoice_unique" ON "claims" USING btree ("organisation_id","invoice_key") WHERE "claims"."status" <> 'draft';--> statement-breakpoint
CREATE INDEX "claims_invoice_loose_key_idx" ON "claims" USING btree ("invoice_loose_key");--> statement-breakpoint
CREATE INDEX "claims_status_idx" ON "claims" USING btree ("status","last_submitted_at");--> statement-breakpoint
CREATE INDEX "claims_organisation_idx" ON "claims" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "claims_user_idx" ON "claims" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "products_sku_unique" ON "products" USING btree ("sku");--> statement-breakpoint
CREATE INDEX "products_category_idx" ON "products" USING btree ("category");--> statement-breakpoint
CREATE INDEX "promotions_window_idx" ON "promotions" USING btree ("starts_on","ends_on");