import { and, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import type { Queryable } from "./db.ts";
import { auditLog } from "./platform-schema.ts";

export type AuditEntry = {
  centreId: string | null;
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Ids and field names only: never names, e-mails, answers or consultation content. */
  details?: Record<string, unknown>;
  requestId?: string | null;
};

export async function writeAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await writeAuditMany(q, [entry]);
}

/** Many entries in one statement (a bulk change audits each record it touched). */
export async function writeAuditMany(q: Queryable, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await q.insert(auditLog).values(
    entries.map((entry) => ({
      centreId: entry.centreId,
      actorUserId: entry.actorUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      details: entry.details ?? {},
      requestId: entry.requestId ?? null,
    })),
  );
}

export type AuditFilter = {
  centreId: string;
  action?: string;
  entityType?: string;
  actorUserId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
};

export async function listAudit(q: Queryable, f: AuditFilter) {
  const where: SQL[] = [eq(auditLog.centreId, f.centreId)];
  if (f.action) where.push(ilike(auditLog.action, `%${f.action}%`));
  if (f.entityType) where.push(eq(auditLog.entityType, f.entityType));
  if (f.actorUserId) where.push(eq(auditLog.actorUserId, f.actorUserId));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lt(auditLog.at, f.to));
  const rows = await q
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.pageSize + 1)
    .offset((f.page - 1) * f.pageSize);
  return { rows: rows.slice(0, f.pageSize), hasNext: rows.length > f.pageSize };
}
