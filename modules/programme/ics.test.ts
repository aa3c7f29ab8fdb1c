import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildIcs, ICS_CONTENT_TYPE, type IcsOptions, icsFileName, sessionUid } from "./ics.ts";

const activity = {
  id: "6f1c2f1e-2b1a-4c1e-9a55-1b2c3d4e5f60",
  title: "Trudny klient — żółta kartka, źdźbło i gęślą jaźń",
  description: "Szkolenie stacjonarne: rozpoznawanie eskalacji, komunikacja, bezpieczeństwo.",
  provider: "Fundacja Łączy Nas",
  format: "in_person" as const,
};

// 9:00–15:00 Warsaw in winter (UTC+1) and 10:00–12:30 in summer (UTC+2).
const winter = {
  id: "0b9f0c1e-8a7d-4c35-9a1e-1c2d3e4f5a61",
  startsAt: new Date("2026-01-15T08:00:00Z"),
  endsAt: new Date("2026-01-15T14:00:00Z"),
  place: "Sala 12, ul. Powstańców Warszawskich 25, Gdańsk",
  meetingUrl: "",
  sequence: 0,
  cancelledAt: null,
};
const summer = {
  ...winter,
  id: "0b9f0c1e-8a7d-4c35-9a1e-1c2d3e4f5a62",
  startsAt: new Date("2026-06-10T08:00:00Z"),
  endsAt: new Date("2026-06-10T10:30:00Z"),
  sequence: 3,
};

const base: IcsOptions = {
  method: "REQUEST",
  events: [
    { session: winter, activity },
    { session: summer, activity },
  ],
  organizer: { name: "MOPR Gdańsk" },
  attendee: { name: "Małgorzata Żółkiewska", email: "m.zolkiewska@mopr.example.pl" },
  now: new Date("2025-12-01T10:00:00Z"),
};

/** Parses strictly (ical.js throws on any malformed content line) and checks RFC 5545 form. */
function parse(text: string) {
  // Every line ends with CRLF and is at most 75 octets (RFC 5545 3.1).
  expect(text.endsWith("END:VCALENDAR")).toBe(true);
  const lines = text.split("\r\n");
  expect(lines.some((l) => l.includes("\n"))).toBe(false);
  for (const l of lines) expect(Buffer.byteLength(l, "utf8"), l).toBeLessThanOrEqual(75);
  const comp = new ICAL.Component(ICAL.parse(text));
  expect(comp.name).toBe("vcalendar");
  expect(comp.getFirstPropertyValue("version")).toBe("2.0");
  expect(comp.getFirstPropertyValue("prodid")).toBeTruthy();
  const tz = comp.getFirstSubcomponent("vtimezone");
  expect(tz?.getFirstPropertyValue("tzid")).toBe("Europe/Warsaw");
  const zone = new ICAL.Timezone(tz!);
  const events = comp.getAllSubcomponents("vevent").map((v) => {
    const start = v.getFirstProperty("dtstart")!;
    const end = v.getFirstProperty("dtend")!;
    const stamp = v.getFirstProperty("dtstamp")!;
    // DTSTAMP must be UTC (RFC 5545 3.8.7.2); the times are Warsaw wall clock with its TZID.
    expect(String(stamp.toICALString())).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    expect(start.getParameter("tzid")).toBe("Europe/Warsaw");
    expect(end.getParameter("tzid")).toBe("Europe/Warsaw");
    const startTime = start.getFirstValue() as ICAL.Time;
    const endTime = end.getFirstValue() as ICAL.Time;
    startTime.zone = zone;
    endTime.zone = zone;
    return {
      uid: v.getFirstPropertyValue("uid"),
      sequence: Number(v.getFirstPropertyValue("sequence")),
      summary: v.getFirstPropertyValue("summary"),
      location: v.getFirstPropertyValue("location"),
      url: v.getFirstPropertyValue("url"),
      status: v.getFirstPropertyValue("status"),
      wallStart: start.toICALString(),
      start: startTime.toJSDate(),
      end: endTime.toJSDate(),
      organizer: v.getFirstPropertyValue("organizer"),
      attendee: v.getFirstPropertyValue("attendee"),
    };
  });
  return { method: comp.getFirstPropertyValue("method"), events };
}

describe("buildIcs", () => {
  it("writes an invitation (METHOD:REQUEST) that parses strictly, in Warsaw time", () => {
    const ics = parse(buildIcs(base));
    expect(ics.method).toBe("REQUEST");
    expect(ics.events).toHaveLength(2);
    const [w, s] = ics.events;
    expect(w.wallStart).toBe("DTSTART;TZID=Europe/Warsaw:20260115T090000");
    expect(s.wallStart).toBe("DTSTART;TZID=Europe/Warsaw:20260610T100000");
    // The VTIMEZONE maps the wall clock back to the very instants stored.
    expect(w.start.getTime()).toBe(winter.startsAt.getTime());
    expect(w.end.getTime()).toBe(winter.endsAt.getTime());
    expect(s.start.getTime()).toBe(summer.startsAt.getTime());
    expect(s.end.getTime()).toBe(summer.endsAt.getTime());
    expect(w.summary).toBe(activity.title);
    expect(w.location).toBe(winter.place);
    expect(w.url).toBe(`http://localhost:3000/programme/${activity.id}`);
    expect(w.uid).toBe(sessionUid(winter.id));
    expect(w.sequence).toBe(0);
    expect(s.sequence).toBe(3);
    expect(w.status).toBe("CONFIRMED");
    expect(String(w.organizer).toLowerCase()).toBe("mailto:no-reply@localhost");
    expect(String(w.attendee).toLowerCase()).toBe("mailto:m.zolkiewska@mopr.example.pl");
  });

  it("keeps the UID of a session across an update and raises its SEQUENCE", () => {
    const before = parse(buildIcs(base)).events[0];
    const moved = {
      ...winter,
      startsAt: new Date("2026-01-16T08:30:00Z"),
      endsAt: new Date("2026-01-16T13:00:00Z"),
      place: "Sala 3",
      sequence: winter.sequence + 1,
    };
    const after = parse(buildIcs({ ...base, events: [{ session: moved, activity }] })).events[0];
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.wallStart).toBe("DTSTART;TZID=Europe/Warsaw:20260116T093000");
    expect(after.location).toBe("Sala 3");
  });

  it("writes a cancellation (METHOD:CANCEL) with the same UIDs and STATUS:CANCELLED", () => {
    const ics = parse(buildIcs({ ...base, method: "CANCEL" }));
    expect(ics.method).toBe("CANCEL");
    expect(ics.events.map((e) => e.uid)).toEqual([sessionUid(winter.id), sessionUid(summer.id)]);
    expect(ics.events.every((e) => e.status === "CANCELLED")).toBe(true);
  });

  it("writes a feed without a method, with tentative and cancelled sessions marked", () => {
    const online = {
      ...summer,
      id: "0b9f0c1e-8a7d-4c35-9a1e-1c2d3e4f5a63",
      place: "",
      meetingUrl: "https://meet.example.org/abc-def",
    };
    const text = buildIcs({
      method: null,
      calendarName: "Przystań — moje zajęcia",
      organizer: { name: "MOPR Gdańsk" },
      events: [
        { session: { ...winter, cancelledAt: new Date() }, activity },
        { session: summer, activity, tentative: true },
        { session: online, activity: { ...activity, format: "online" } },
      ],
    });
    const ics = parse(text);
    expect(ics.method).toBeNull();
    expect(ics.events.map((e) => e.status)).toEqual(["CANCELLED", "TENTATIVE", "CONFIRMED"]);
    expect(ics.events[2].location).toBe(online.meetingUrl);
    expect(ics.events[2].url).toBe(online.meetingUrl);
    expect(ics.events[0].organizer).toBeNull();
    expect(text).toContain("X-WR-CALNAME:Przystań — moje zajęcia");
    expect(text).toContain("X-WR-TIMEZONE:Europe/Warsaw");
  });

  it("keeps Polish letters intact through line folding", () => {
    const long = { ...activity, title: "Żółć gęślą jaźń — ".repeat(8).trim() };
    const text = buildIcs({ ...base, events: [{ session: winter, activity: long }] });
    expect(parse(text).events[0].summary).toBe(long.title);
  });

  it("names files without diacritics and says the method in the content type", () => {
    expect(icsFileName("Trudny klient: łagodzenie konfliktów")).toBe(
      "trudny-klient-lagodzenie-konfliktow.ics",
    );
    expect(icsFileName("???", "-odwolane")).toBe("zajecia-odwolane.ics");
    expect(ICS_CONTENT_TYPE("CANCEL")).toBe("text/calendar; charset=utf-8; method=CANCEL");
  });
});
