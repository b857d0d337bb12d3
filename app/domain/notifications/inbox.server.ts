import { and, eq, isNull } from "drizzle-orm";
import type { Queryable } from "@db/client";
import { notifications } from "@db/schema";
import type { Actor } from "~/lib/actor";
import { isId } from "~/lib/ids";

/**
 * Marks one of the actor's own notices read and returns where it leads. Another person's notice
 * (or one that does not exist) gives null: the inbox is private, so the two look the same.
 */
export async function openNotice(db: Queryable, actor: Actor, id: string): Promise<{ link: string | null } | null> {
  if (!isId(id)) return null;
  const [row] = await db
    .select({ link: notifications.link, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id)))
    .limit(1);
  if (!row) return null;
  if (!row.readAt) {
    await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, id), eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  }
  return { link: row.link };
}
