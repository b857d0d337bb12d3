ALTER TYPE "public"."role" ADD VALUE 'purchasing_manager';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'accountant';--> statement-breakpoint
ALTER TABLE "rewards" DROP CONSTRAINT "rewards_roles_known";--> statement-breakpoint
ALTER TABLE "enrolment_requests" DROP CONSTRAINT "enrolment_requests_partner_role";--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_roles_known" CHECK ("rewards"."roles" <@ array['executive', 'manager', 'salesperson', 'technician', 'purchasing_manager', 'accountant']::text[]);--> statement-breakpoint
ALTER TABLE "enrolment_requests" ADD CONSTRAINT "enrolment_requests_partner_role" CHECK ("enrolment_requests"."role"::text in ('executive', 'manager', 'salesperson', 'technician', 'purchasing_manager', 'accountant'));