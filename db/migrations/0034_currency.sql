CREATE TABLE "country_point_values" (
	"country" text PRIMARY KEY NOT NULL,
	"currency" text NOT NULL,
	"point_value_minor" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "country_point_values_valid" CHECK ("country_point_values"."country" ~ '^[A-Z]{2}$' and "country_point_values"."currency" ~ '^[A-Z]{3}$' and "country_point_values"."point_value_minor" >= 0)
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "country" text;--> statement-breakpoint
-- custom: currency
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_country_iso" CHECK ("country" is null or "country" ~ '^[A-Z]{2}$');
