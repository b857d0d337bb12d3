ALTER TABLE "programme_settings" ADD COLUMN "fair_margin_percent" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "retail_price_minor" integer;--> statement-breakpoint
ALTER TABLE "rewards" ADD COLUMN "retail_currency" text;--> statement-breakpoint
ALTER TABLE "programme_settings" ADD CONSTRAINT "programme_settings_fair_margin" CHECK ("programme_settings"."fair_margin_percent" between 0 and 1000);--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_retail_price" CHECK (("rewards"."retail_price_minor" is null and "rewards"."retail_currency" is null) or ("rewards"."retail_price_minor" > 0 and "rewards"."retail_currency" ~ '^[A-Z]{3}$'));