CREATE TABLE "programme_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"type_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"trainer_user_id" text,
	"format" text DEFAULT 'in_person' NOT NULL,
	"hour_unit" text DEFAULT 'clock' NOT NULL,
	"target" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"priority" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"capacity" integer NOT NULL,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"enrol_opens_at" timestamp with time zone,
	"enrol_closes_at" timestamp with time zone,
	"priority_until" timestamp with time zone,
	"cancel_deadline_hours" integer DEFAULT 24 NOT NULL,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"cost_grosze" integer,
	"completion_percent" integer DEFAULT 80 NOT NULL,
	"learning_outcomes" text DEFAULT '' NOT NULL,
	"pass_threshold_percent" integer,
	"evaluation_closes_at" timestamp with time zone,
	"evaluation_closed_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_activity_capacity" CHECK ("programme_activity"."capacity" >= 1 and "programme_activity"."capacity" <= 10000),
	CONSTRAINT "programme_activity_seats" CHECK ("programme_activity"."seats_taken" >= 0 and "programme_activity"."seats_taken" <= "programme_activity"."capacity"),
	CONSTRAINT "programme_activity_status" CHECK ("programme_activity"."status" in ('draft', 'published', 'cancelled')),
	CONSTRAINT "programme_activity_format" CHECK ("programme_activity"."format" in ('in_person', 'online', 'outdoor')),
	CONSTRAINT "programme_activity_hour_unit" CHECK ("programme_activity"."hour_unit" in ('clock', 'academic')),
	CONSTRAINT "programme_activity_completion" CHECK ("programme_activity"."completion_percent" between 1 and 100),
	CONSTRAINT "programme_activity_threshold" CHECK ("programme_activity"."pass_threshold_percent" is null or "programme_activity"."pass_threshold_percent" between 1 and 100),
	CONSTRAINT "programme_activity_cost" CHECK ("programme_activity"."cost_grosze" is null or "programme_activity"."cost_grosze" >= 0),
	CONSTRAINT "programme_activity_enrol_window" CHECK ("programme_activity"."enrol_opens_at" is null or "programme_activity"."enrol_closes_at" is null or "programme_activity"."enrol_closes_at" > "programme_activity"."enrol_opens_at")
);
--> statement-breakpoint
CREATE TABLE "programme_activity_type" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"code" text,
	"name" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"archived" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"minutes" integer,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"marked_by_user_id" text,
	CONSTRAINT "programme_attendance_minutes" CHECK ("programme_attendance"."minutes" is null or "programme_attendance"."minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "programme_calendar_feed" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_calendar_feed_token_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "programme_certificate" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"number" text NOT NULL,
	"holder_name" text NOT NULL,
	"activity_title" text NOT NULL,
	"first_day" date NOT NULL,
	"last_day" date NOT NULL,
	"hours_centi" integer NOT NULL,
	"hour_unit" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by_user_id" text,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "programme_certificate_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "programme_enrolment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"centre_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"status" text NOT NULL,
	"nominated_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text,
	CONSTRAINT "programme_enrolment_status" CHECK ("programme_enrolment"."status" in ('pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "programme_evaluation_participation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"answered_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_evaluation_response" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"ratings" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"name" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_plan_period" CHECK ("programme_plan"."period_end" >= "programme_plan"."period_start")
);
--> statement-breakpoint
CREATE TABLE "programme_plan_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"type_id" uuid NOT NULL,
	"planned_count" integer NOT NULL,
	"planned_participants" integer,
	CONSTRAINT "programme_plan_item_count" CHECK ("programme_plan_item"."planned_count" >= 0),
	CONSTRAINT "programme_plan_item_participants" CHECK ("programme_plan_item"."planned_participants" is null or "programme_plan_item"."planned_participants" >= 0)
);
--> statement-breakpoint
CREATE TABLE "programme_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"meeting_url" text DEFAULT '' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"cancelled_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "programme_session_times" CHECK ("programme_session"."ends_at" > "programme_session"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "programme_session_scan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uploaded_by_user_id" text,
	CONSTRAINT "programme_session_scan_size" CHECK ("programme_session_scan"."size" > 0 and "programme_session_scan"."size" <= 20971520)
);
--> statement-breakpoint
CREATE TABLE "programme_test_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"answers" jsonb NOT NULL,
	"score" integer NOT NULL,
	"max_score" integer NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programme_test_attempt_stage" CHECK ("programme_test_attempt"."stage" in ('pre', 'post')),
	CONSTRAINT "programme_test_attempt_score" CHECK ("programme_test_attempt"."max_score" >= 1 and "programme_test_attempt"."score" between 0 and "programme_test_attempt"."max_score")
);
--> statement-breakpoint
CREATE TABLE "programme_test_question" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"options" jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "programme_test_question_kind" CHECK ("programme_test_question"."kind" in ('single', 'multiple'))
);
--> statement-breakpoint
CREATE TABLE "mail_attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mail_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"content" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programme_activity" ADD CONSTRAINT "programme_activity_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_activity" ADD CONSTRAINT "programme_activity_type_id_programme_activity_type_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."programme_activity_type"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_activity_type" ADD CONSTRAINT "programme_activity_type_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_attendance" ADD CONSTRAINT "programme_attendance_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_attendance" ADD CONSTRAINT "programme_attendance_session_id_programme_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."programme_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_attendance" ADD CONSTRAINT "programme_attendance_enrolment_id_programme_enrolment_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."programme_enrolment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_calendar_feed" ADD CONSTRAINT "programme_calendar_feed_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_calendar_feed" ADD CONSTRAINT "programme_calendar_feed_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_certificate" ADD CONSTRAINT "programme_certificate_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_certificate" ADD CONSTRAINT "programme_certificate_activity_id_programme_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."programme_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_certificate" ADD CONSTRAINT "programme_certificate_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolment" ADD CONSTRAINT "programme_enrolment_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolment" ADD CONSTRAINT "programme_enrolment_activity_id_programme_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."programme_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolment" ADD CONSTRAINT "programme_enrolment_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evaluation_participation" ADD CONSTRAINT "programme_evaluation_participation_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evaluation_participation" ADD CONSTRAINT "programme_evaluation_participation_activity_id_programme_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."programme_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evaluation_participation" ADD CONSTRAINT "programme_evaluation_participation_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evaluation_response" ADD CONSTRAINT "programme_evaluation_response_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_evaluation_response" ADD CONSTRAINT "programme_evaluation_response_activity_id_programme_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."programme_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_plan" ADD CONSTRAINT "programme_plan_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_plan_item" ADD CONSTRAINT "programme_plan_item_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_plan_item" ADD CONSTRAINT "programme_plan_item_plan_id_programme_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."programme_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_plan_item" ADD CONSTRAINT "programme_plan_item_type_id_programme_activity_type_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."programme_activity_type"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_session" ADD CONSTRAINT "programme_session_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_session" ADD CONSTRAINT "programme_session_activity_id_programme_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."programme_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_session_scan" ADD CONSTRAINT "programme_session_scan_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_session_scan" ADD CONSTRAINT "programme_session_scan_session_id_programme_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."programme_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_test_attempt" ADD CONSTRAINT "programme_test_attempt_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_test_attempt" ADD CONSTRAINT "programme_test_attempt_activity_id_programme_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."programme_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_test_attempt" ADD CONSTRAINT "programme_test_attempt_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_test_question" ADD CONSTRAINT "programme_test_question_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_test_question" ADD CONSTRAINT "programme_test_question_activity_id_programme_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."programme_activity"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_attachment" ADD CONSTRAINT "mail_attachment_mail_id_mail_outbox_id_fk" FOREIGN KEY ("mail_id") REFERENCES "public"."mail_outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_activity_centre_idx" ON "programme_activity" USING btree ("centre_id","status","type_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_activity_type_code_unique" ON "programme_activity_type" USING btree ("centre_id","code") WHERE "programme_activity_type"."code" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "programme_attendance_unique" ON "programme_attendance" USING btree ("session_id","enrolment_id");--> statement-breakpoint
CREATE INDEX "programme_attendance_enrolment_idx" ON "programme_attendance" USING btree ("enrolment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_calendar_feed_employee_unique" ON "programme_calendar_feed" USING btree ("employee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_certificate_holder_unique" ON "programme_certificate" USING btree ("activity_id","employee_id") WHERE "programme_certificate"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "programme_certificate_centre_idx" ON "programme_certificate" USING btree ("centre_id","employee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_enrolment_live_unique" ON "programme_enrolment" USING btree ("activity_id","employee_id") WHERE "programme_enrolment"."status" in ('pending', 'confirmed', 'waitlisted');--> statement-breakpoint
CREATE INDEX "programme_enrolment_activity_idx" ON "programme_enrolment" USING btree ("activity_id","status","seq");--> statement-breakpoint
CREATE INDEX "programme_enrolment_employee_idx" ON "programme_enrolment" USING btree ("centre_id","employee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_evaluation_participation_unique" ON "programme_evaluation_participation" USING btree ("activity_id","employee_id");--> statement-breakpoint
CREATE INDEX "programme_evaluation_response_idx" ON "programme_evaluation_response" USING btree ("centre_id","activity_id");--> statement-breakpoint
CREATE INDEX "programme_plan_centre_idx" ON "programme_plan" USING btree ("centre_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_plan_item_unique" ON "programme_plan_item" USING btree ("plan_id","type_id");--> statement-breakpoint
CREATE INDEX "programme_session_centre_idx" ON "programme_session" USING btree ("centre_id","starts_at");--> statement-breakpoint
CREATE INDEX "programme_session_activity_idx" ON "programme_session" USING btree ("activity_id","starts_at");--> statement-breakpoint
CREATE INDEX "programme_session_scan_idx" ON "programme_session_scan" USING btree ("centre_id","session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_test_attempt_unique" ON "programme_test_attempt" USING btree ("activity_id","employee_id","stage");--> statement-breakpoint
CREATE INDEX "programme_test_attempt_centre_idx" ON "programme_test_attempt" USING btree ("centre_id","employee_id");--> statement-breakpoint
CREATE INDEX "programme_test_question_idx" ON "programme_test_question" USING btree ("centre_id","activity_id","sort_order");--> statement-breakpoint
CREATE INDEX "mail_attachment_mail_idx" ON "mail_attachment" USING btree ("mail_id");