ALTER TYPE "public"."locale" ADD VALUE 'lt';--> statement-breakpoint
ALTER TYPE "public"."locale" ADD VALUE 'hi';--> statement-breakpoint
ALTER TYPE "public"."locale" ADD VALUE 'fil';