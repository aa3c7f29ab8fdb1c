CREATE TABLE "survey_comment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid,
	"staff_group_id" uuid,
	"item_id" text NOT NULL,
	"text" text NOT NULL,
	"redacted_text" text,
	"reviewed" boolean DEFAULT false NOT NULL,
	CONSTRAINT "survey_comment_text_length" CHECK (char_length("survey_comment"."text") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "survey_cycle" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"instrument_id" uuid NOT NULL,
	"name" text NOT NULL,
	"population" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"min_group_size" integer DEFAULT 5 NOT NULL,
	"min_comment_group_size" integer DEFAULT 10 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "survey_cycle_status" CHECK ("survey_cycle"."status" in ('draft', 'open', 'closed')),
	CONSTRAINT "survey_cycle_min_group_size" CHECK ("survey_cycle"."min_group_size" >= 5),
	CONSTRAINT "survey_cycle_min_comment_group_size" CHECK ("survey_cycle"."min_comment_group_size" >= 10),
	CONSTRAINT "survey_cycle_dates" CHECK ("survey_cycle"."closes_at" > "survey_cycle"."opens_at")
);
--> statement-breakpoint
CREATE TABLE "survey_instrument" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_user_id" text,
	CONSTRAINT "survey_instrument_version_positive" CHECK ("survey_instrument"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "survey_paper_code" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"staff_group_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_on" date NOT NULL,
	"used_on" date,
	CONSTRAINT "survey_paper_code_token_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "survey_participation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"unit_id" uuid,
	"staff_group_id" uuid,
	"token_hash" text NOT NULL,
	"invited_on" date NOT NULL,
	"answered_on" date,
	"reminded_on" date,
	CONSTRAINT "survey_participation_token_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "survey_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid,
	"staff_group_id" uuid,
	"answered_on" date NOT NULL,
	"answers" jsonb NOT NULL,
	"scores" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_comment" ADD CONSTRAINT "survey_comment_cycle_id_survey_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."survey_cycle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_cycle" ADD CONSTRAINT "survey_cycle_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_cycle" ADD CONSTRAINT "survey_cycle_instrument_id_survey_instrument_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."survey_instrument"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_instrument" ADD CONSTRAINT "survey_instrument_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_paper_code" ADD CONSTRAINT "survey_paper_code_cycle_id_survey_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."survey_cycle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participation" ADD CONSTRAINT "survey_participation_cycle_id_survey_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."survey_cycle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_participation" ADD CONSTRAINT "survey_participation_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_cycle_id_survey_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."survey_cycle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_comment_cycle_idx" ON "survey_comment" USING btree ("cycle_id","item_id");--> statement-breakpoint
CREATE INDEX "survey_cycle_centre_idx" ON "survey_cycle" USING btree ("centre_id","opens_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_instrument_version_unique" ON "survey_instrument" USING btree ("centre_id","slug","version");--> statement-breakpoint
CREATE INDEX "survey_paper_code_cycle_idx" ON "survey_paper_code" USING btree ("cycle_id","unit_id","staff_group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_participation_employee_unique" ON "survey_participation" USING btree ("cycle_id","employee_id");--> statement-breakpoint
CREATE INDEX "survey_response_cycle_idx" ON "survey_response" USING btree ("cycle_id","unit_id","staff_group_id");