-- Exclusion constraints on (id, time range) below need btree_gist (trusted in PostgreSQL 13+).
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
CREATE TABLE "health_clinic" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"daily_capacity" integer NOT NULL,
	"opens_at_minute" integer DEFAULT 480 NOT NULL,
	"closes_at_minute" integer DEFAULT 900 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "health_clinic_capacity" CHECK ("health_clinic"."daily_capacity" between 1 and 1000),
	CONSTRAINT "health_clinic_hours" CHECK ("health_clinic"."opens_at_minute" >= 0 and "health_clinic"."closes_at_minute" <= 1440 and "health_clinic"."opens_at_minute" < "health_clinic"."closes_at_minute")
);
--> statement-breakpoint
CREATE TABLE "health_day" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"title" text NOT NULL,
	"date" date NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_day_status" CHECK ("health_day"."status" in ('draft', 'published', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "health_day_booking" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"start_minute" integer NOT NULL,
	"cancelled_at" timestamp with time zone,
	"attended" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_day_slot" (
	"station_id" uuid NOT NULL,
	"start_minute" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"capacity" integer NOT NULL,
	CONSTRAINT "health_day_slot_station_id_start_minute_pk" PRIMARY KEY("station_id","start_minute"),
	CONSTRAINT "health_day_slot_taken" CHECK ("health_day_slot"."taken" >= 0 and "health_day_slot"."taken" <= "health_day_slot"."capacity")
);
--> statement-breakpoint
CREATE TABLE "health_day_station" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"health_day_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	"slot_minutes" integer NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "health_day_station_minutes" CHECK ("health_day_station"."start_minute" >= 0 and "health_day_station"."end_minute" <= 1440 and "health_day_station"."start_minute" < "health_day_station"."end_minute"),
	CONSTRAINT "health_day_station_slot" CHECK ("health_day_station"."slot_minutes" between 5 and 240),
	CONSTRAINT "health_day_station_capacity" CHECK ("health_day_station"."capacity" between 1 and 100)
);
--> statement-breakpoint
CREATE TABLE "health_exam" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"clinic_id" uuid,
	"appointment_at" timestamp with time zone,
	"referral_number" text,
	"exam_date" date,
	"outcome" text,
	"valid_until" date,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_exam_kind" CHECK ("health_exam"."kind" in ('initial', 'periodic', 'control')),
	CONSTRAINT "health_exam_status" CHECK ("health_exam"."status" in ('planned', 'done', 'cancelled')),
	CONSTRAINT "health_exam_outcome" CHECK ("health_exam"."outcome" is null or "health_exam"."outcome" in ('fit', 'unfit', 'restricted')),
	CONSTRAINT "health_exam_done" CHECK ("health_exam"."status" <> 'done' or ("health_exam"."exam_date" is not null and "health_exam"."outcome" is not null)),
	CONSTRAINT "health_exam_validity" CHECK ("health_exam"."valid_until" is null or "health_exam"."exam_date" is null or "health_exam"."valid_until" >= "health_exam"."exam_date")
);
--> statement-breakpoint
CREATE TABLE "health_position_profile" (
	"position_id" uuid PRIMARY KEY NOT NULL,
	"centre_id" uuid NOT NULL,
	"hazards" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"other_hazards" text DEFAULT '' NOT NULL,
	"period_months" integer DEFAULT 36 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_sick_leave" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_sick_leave_dates" CHECK ("health_sick_leave"."to_date" >= "health_sick_leave"."from_date")
);
--> statement-breakpoint
CREATE TABLE "support_absence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text DEFAULT 'holiday' NOT NULL,
	CONSTRAINT "support_absence_dates" CHECK ("support_absence"."to_date" >= "support_absence"."from_date")
);
--> statement-breakpoint
CREATE TABLE "support_availability" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"start_minute" integer NOT NULL,
	"end_minute" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"crisis_reserved" boolean DEFAULT false NOT NULL,
	CONSTRAINT "support_availability_weekday" CHECK ("support_availability"."weekday" between 1 and 7),
	CONSTRAINT "support_availability_minutes" CHECK ("support_availability"."start_minute" >= 0 and "support_availability"."end_minute" <= 1440 and "support_availability"."start_minute" < "support_availability"."end_minute"),
	CONSTRAINT "support_availability_validity" CHECK ("support_availability"."valid_to" is null or "support_availability"."valid_to" >= "support_availability"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "support_booking" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"crisis_link_id" uuid,
	"sequence" integer DEFAULT 0 NOT NULL,
	"reminder_sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_booking_times" CHECK ("support_booking"."starts_at" < "support_booking"."ends_at"),
	CONSTRAINT "support_booking_status" CHECK ("support_booking"."status" in ('booked', 'cancelled', 'took_place', 'no_show')),
	CONSTRAINT "support_booking_kind" CHECK ("support_booking"."kind" in ('consultation', 'coaching', 'crisis', 'supervision')),
	CONSTRAINT "support_booking_mode" CHECK ("support_booking"."mode" in ('online', 'in_person'))
);
--> statement-breakpoint
CREATE TABLE "support_contract" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"specialist_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"hours" integer NOT NULL,
	CONSTRAINT "support_contract_period" CHECK ("support_contract"."period_end" >= "support_contract"."period_start"),
	CONSTRAINT "support_contract_hours" CHECK ("support_contract"."hours" between 1 and 100000)
);
--> statement-breakpoint
CREATE TABLE "support_crisis_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"employee_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"source" text DEFAULT 'coordinator' NOT NULL,
	"source_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "support_room" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"capacity" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "support_room_capacity" CHECK ("support_room"."capacity" between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "support_room_booking" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	"booked_by" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_room_booking_times" CHECK ("support_room_booking"."starts_at" < "support_room_booking"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "support_specialist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"centre_id" uuid NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"profile" text DEFAULT '' NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"kinds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"online" boolean DEFAULT true NOT NULL,
	"in_person" boolean DEFAULT false NOT NULL,
	"meeting_link" text DEFAULT '' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"slot_minutes" integer DEFAULT 50 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "support_specialist_slot" CHECK ("support_specialist"."slot_minutes" between 15 and 240),
	CONSTRAINT "support_specialist_mode" CHECK ("support_specialist"."online" or "support_specialist"."in_person")
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "confidential" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "health_clinic" ADD CONSTRAINT "health_clinic_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_day" ADD CONSTRAINT "health_day_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_day_booking" ADD CONSTRAINT "health_day_booking_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_day_booking" ADD CONSTRAINT "health_day_booking_station_id_health_day_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."health_day_station"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_day_booking" ADD CONSTRAINT "health_day_booking_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_day_slot" ADD CONSTRAINT "health_day_slot_station_id_health_day_station_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."health_day_station"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_day_station" ADD CONSTRAINT "health_day_station_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_day_station" ADD CONSTRAINT "health_day_station_health_day_id_health_day_id_fk" FOREIGN KEY ("health_day_id") REFERENCES "public"."health_day"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_exam" ADD CONSTRAINT "health_exam_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_exam" ADD CONSTRAINT "health_exam_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_exam" ADD CONSTRAINT "health_exam_clinic_id_health_clinic_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."health_clinic"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_position_profile" ADD CONSTRAINT "health_position_profile_position_id_position_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."position"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_position_profile" ADD CONSTRAINT "health_position_profile_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_sick_leave" ADD CONSTRAINT "health_sick_leave_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_sick_leave" ADD CONSTRAINT "health_sick_leave_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_absence" ADD CONSTRAINT "support_absence_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_absence" ADD CONSTRAINT "support_absence_specialist_id_support_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."support_specialist"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_availability" ADD CONSTRAINT "support_availability_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_availability" ADD CONSTRAINT "support_availability_specialist_id_support_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."support_specialist"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_booking" ADD CONSTRAINT "support_booking_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_booking" ADD CONSTRAINT "support_booking_specialist_id_support_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."support_specialist"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_booking" ADD CONSTRAINT "support_booking_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_contract" ADD CONSTRAINT "support_contract_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_contract" ADD CONSTRAINT "support_contract_specialist_id_support_specialist_id_fk" FOREIGN KEY ("specialist_id") REFERENCES "public"."support_specialist"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_crisis_link" ADD CONSTRAINT "support_crisis_link_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_crisis_link" ADD CONSTRAINT "support_crisis_link_employee_id_employee_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employee"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_room" ADD CONSTRAINT "support_room_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_room_booking" ADD CONSTRAINT "support_room_booking_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_room_booking" ADD CONSTRAINT "support_room_booking_room_id_support_room_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."support_room"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_room_booking" ADD CONSTRAINT "support_room_booking_booked_by_user_id_fk" FOREIGN KEY ("booked_by") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_specialist" ADD CONSTRAINT "support_specialist_centre_id_centre_id_fk" FOREIGN KEY ("centre_id") REFERENCES "public"."centre"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_specialist" ADD CONSTRAINT "support_specialist_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "health_clinic_name_unique" ON "health_clinic" USING btree ("centre_id","name");--> statement-breakpoint
CREATE INDEX "health_day_centre_idx" ON "health_day" USING btree ("centre_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "health_day_booking_one_per_station" ON "health_day_booking" USING btree ("station_id","employee_id") WHERE "health_day_booking"."cancelled_at" is null;--> statement-breakpoint
CREATE INDEX "health_day_booking_employee_idx" ON "health_day_booking" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "health_day_station_day_idx" ON "health_day_station" USING btree ("health_day_id");--> statement-breakpoint
CREATE INDEX "health_exam_employee_idx" ON "health_exam" USING btree ("employee_id","status");--> statement-breakpoint
CREATE INDEX "health_exam_centre_idx" ON "health_exam" USING btree ("centre_id","status","valid_until");--> statement-breakpoint
CREATE UNIQUE INDEX "health_exam_referral_unique" ON "health_exam" USING btree ("centre_id","referral_number") WHERE "health_exam"."referral_number" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "health_exam_one_planned" ON "health_exam" USING btree ("employee_id") WHERE "health_exam"."status" = 'planned';--> statement-breakpoint
CREATE INDEX "health_sick_leave_employee_idx" ON "health_sick_leave" USING btree ("employee_id","from_date");--> statement-breakpoint
CREATE INDEX "support_absence_specialist_idx" ON "support_absence" USING btree ("specialist_id","from_date");--> statement-breakpoint
CREATE INDEX "support_availability_specialist_idx" ON "support_availability" USING btree ("specialist_id","weekday");--> statement-breakpoint
CREATE INDEX "support_booking_specialist_idx" ON "support_booking" USING btree ("specialist_id","starts_at");--> statement-breakpoint
CREATE INDEX "support_booking_employee_idx" ON "support_booking" USING btree ("employee_id","starts_at");--> statement-breakpoint
CREATE INDEX "support_booking_centre_idx" ON "support_booking" USING btree ("centre_id","starts_at");--> statement-breakpoint
CREATE INDEX "support_contract_specialist_idx" ON "support_contract" USING btree ("specialist_id","period_start");--> statement-breakpoint
CREATE UNIQUE INDEX "support_crisis_link_token_unique" ON "support_crisis_link" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "support_crisis_link_employee_idx" ON "support_crisis_link" USING btree ("employee_id");--> statement-breakpoint
CREATE UNIQUE INDEX "support_room_name_unique" ON "support_room" USING btree ("centre_id","name");--> statement-breakpoint
CREATE INDEX "support_room_booking_room_idx" ON "support_room_booking" USING btree ("room_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "support_specialist_user_unique" ON "support_specialist" USING btree ("centre_id","user_id") WHERE "support_specialist"."user_id" is not null;
--> statement-breakpoint
-- Written by hand: drizzle-kit cannot express exclusion constraints.
ALTER TABLE "support_availability" ADD CONSTRAINT "support_availability_no_overlap" EXCLUDE USING gist ("specialist_id" WITH =, "weekday" WITH =, int4range("start_minute", "end_minute") WITH &&, daterange("valid_from", "valid_to", '[]') WITH &&);--> statement-breakpoint
ALTER TABLE "support_booking" ADD CONSTRAINT "support_booking_specialist_no_overlap" EXCLUDE USING gist ("specialist_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" <> 'cancelled');--> statement-breakpoint
ALTER TABLE "support_booking" ADD CONSTRAINT "support_booking_employee_no_overlap" EXCLUDE USING gist ("employee_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("status" <> 'cancelled');--> statement-breakpoint
ALTER TABLE "support_room_booking" ADD CONSTRAINT "support_room_booking_no_overlap" EXCLUDE USING gist ("room_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&) WHERE ("cancelled_at" IS NULL);
