CREATE TABLE "incident" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"reporter_id" uuid NOT NULL,
	"unit_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"kind_id" uuid NOT NULL,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"case_reference" text DEFAULT '' NOT NULL,
	"injuries" boolean DEFAULT false NOT NULL,
	"police_called" boolean DEFAULT false NOT NULL,
	"wants_support" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"submission_key" uuid NOT NULL,
	"follow_up_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_severity" CHECK ("incident"."severity" in ('low', 'medium', 'high')),
	CONSTRAINT "incident_place" CHECK ("incident"."place" in ('office', 'client_home', 'street', 'phone', 'online', 'other')),
	CONSTRAINT "incident_status" CHECK ("incident"."status" in ('open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "incident_kind" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"key" text,
	"label" text DEFAULT '' NOT NULL,
	"penal_code" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "incident_kind_named" CHECK ("incident_kind"."key" is not null or length("incident_kind"."label") > 0)
);
--> statement-breakpoint
CREATE TABLE "incident_precaution" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"case_reference" text NOT NULL,
	"visits_in_pairs" boolean DEFAULT false NOT NULL,
	"police_advised" boolean DEFAULT false NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"review_on" date NOT NULL,
	"incident_id" uuid,
	"created_by_user_id" text NOT NULL,
	"reviewer_user_id" text NOT NULL,
	"lapse_notice_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_precaution_something" CHECK ("incident_precaution"."visits_in_pairs" or "incident_precaution"."police_advised")
);
--> statement-breakpoint
CREATE TABLE "incident_procedure_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by_user_id" text
);
--> statement-breakpoint
CREATE TABLE "incident_procedure_read" (
	"document_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incident_procedure_read_document_id_employee_id_pk" PRIMARY KEY("document_id","employee_id")
);
--> statement-breakpoint
CREATE TABLE "incident_procedure_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"key" text,
	"title" text NOT NULL,
	"owner" text NOT NULL,
	"deadline_hours" integer NOT NULL,
	"mandatory" boolean DEFAULT true NOT NULL,
	"kind_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"penal_code_only" boolean DEFAULT false NOT NULL,
	"min_severity" text DEFAULT 'low' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "incident_procedure_step_deadline" CHECK ("incident_procedure_step"."deadline_hours" between 0 and 8760)
);
--> statement-breakpoint
CREATE TABLE "incident_step" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"centre_id" uuid NOT NULL,
	"key" text,
	"title" text NOT NULL,
	"owner" text NOT NULL,
	"mandatory" boolean NOT NULL,
	"position" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by_report" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_user_id" text,
	"version" integer DEFAULT 1 NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	CONSTRAINT "incident_step_status" CHECK ("incident_step"."status" in ('open', 'done', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "incident_witness" (
	"incident_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	CONSTRAINT "incident_witness_incident_id_employee_id_pk" PRIMARY KEY("incident_id","employee_id")
);
--> statement-breakpoint
ALTER TABLE "incident" ADD CONSTRAINT "incident_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident" ADD CONSTRAINT "incident_reporter_id_employee_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."employee"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident" ADD CONSTRAINT "incident_unit_id_org_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_unit"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident" ADD CONSTRAINT "incident_kind_id_incident_kind_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."incident_kind"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_kind" ADD CONSTRAINT "incident_kind_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_precaution" ADD CONSTRAINT "incident_precaution_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_precaution" ADD CONSTRAINT "incident_precaution_unit_id_org_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_unit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_precaution" ADD CONSTRAINT "incident_precaution_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_procedure_document" ADD CONSTRAINT "incident_procedure_document_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_procedure_read" ADD CONSTRAINT "incident_procedure_read_document_id_incident_procedure_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."incident_procedure_document"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_procedure_read" ADD CONSTRAINT "incident_procedure_read_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_procedure_step" ADD CONSTRAINT "incident_procedure_step_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_step" ADD CONSTRAINT "incident_step_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_step" ADD CONSTRAINT "incident_step_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_witness" ADD CONSTRAINT "incident_witness_incident_id_incident_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incident"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_witness" ADD CONSTRAINT "incident_witness_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_number_unique" ON "incident" USING btree ("centre_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_submission_unique" ON "incident" USING btree ("centre_id","reporter_id","submission_key");--> statement-breakpoint
CREATE INDEX "incident_centre_idx" ON "incident" USING btree ("centre_id","occurred_at");--> statement-breakpoint
CREATE INDEX "incident_unit_idx" ON "incident" USING btree ("centre_id","unit_id","occurred_at");--> statement-breakpoint
CREATE INDEX "incident_reporter_idx" ON "incident" USING btree ("reporter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_kind_key_unique" ON "incident_kind" USING btree ("centre_id","key") WHERE "incident_kind"."key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "incident_kind_label_unique" ON "incident_kind" USING btree ("centre_id",lower("label")) WHERE "incident_kind"."key" is null;--> statement-breakpoint
CREATE INDEX "incident_precaution_unit_idx" ON "incident_precaution" USING btree ("centre_id","unit_id","review_on");--> statement-breakpoint
CREATE UNIQUE INDEX "incident_procedure_document_version" ON "incident_procedure_document" USING btree ("centre_id","version");--> statement-breakpoint
CREATE INDEX "incident_procedure_step_centre_idx" ON "incident_procedure_step" USING btree ("centre_id","position");--> statement-breakpoint
CREATE INDEX "incident_step_incident_idx" ON "incident_step" USING btree ("incident_id","position");--> statement-breakpoint
CREATE INDEX "incident_step_due_idx" ON "incident_step" USING btree ("centre_id","status","due_at");