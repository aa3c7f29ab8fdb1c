CREATE TABLE "survey_public_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_public_link_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "survey_cycle" ADD COLUMN "kind" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_cycle" ADD COLUMN "auto_open" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_cycle" ADD COLUMN "reminder_dates" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_public_link" ADD CONSTRAINT "survey_public_link_cycle_id_survey_cycle_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."survey_cycle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_public_link" ADD CONSTRAINT "survey_public_link_unit_id_org_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_unit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_public_link_unit_unique" ON "survey_public_link" USING btree ("cycle_id","unit_id");--> statement-breakpoint
ALTER TABLE "survey_cycle" ADD CONSTRAINT "survey_cycle_kind" CHECK ("survey_cycle"."kind" in ('staff', 'client'));