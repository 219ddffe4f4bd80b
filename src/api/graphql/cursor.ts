import { InvalidCursorError } from "../errors.ts";
import { type EntitySpec, fieldOf, type Row } from "./entity-spec.ts";
import { fieldKinds } from "./field-kinds.ts";
import type { OrderDirection, PageOrder } from "./ordering.ts";

/** What a cursor carries: the ordering it belongs to and the last row's ordering values. */
interface CursorPayload {
  orderBy: string;
  direction: OrderDirection;
  values: (string | number | null)[];
}

/** Longer than any cursor this API issues: refuse before decoding. */
const MAX_CURSOR_LENGTH = 1024;

/** The opaque cursor pointing just after `row` in the given ordering. */
export function encodeCursor(spec: EntitySpec, order: PageOrder, row: Row): string {
  const payload: CursorPayload = {
    orderBy: order.orderBy,
    direction: order.direction,
    values: order.fields.map((name) => {
      const value = row[name];
      return value === null ? null : fieldKinds[fieldOf(spec, name).kind].toCursorJson(value);
    }),
  };
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

function readPayload(cursor: string): CursorPayload | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    return payload && Array.isArray(payload.values) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The ordering values a cursor points after, checked against the ordering of the current query.
 * Throws InvalidCursorError for anything this API did not issue for that ordering.
 */
export function decodeCursor(spec: EntitySpec, order: PageOrder, cursor: string): unknown[] {
  const malformed = () => new InvalidCursorError("after", "malformed cursor; pass an endCursor");
  const payload = readPayload(cursor);
  if (!payload || payload.values.length !== order.fields.length) throw malformed();
  if (payload.orderBy !== order.orderBy || payload.direction !== order.direction) {
    throw new InvalidCursorError(
      "after",
      `cursor belongs to orderBy ${payload.orderBy} ${payload.direction}, but this query orders by ${order.orderBy} ${order.direction}`,
    );
  }
  return order.fields.map((name, index) => {
    const json = payload.values[index];
    const field = fieldOf(spec, name);
    if (json === null && !field.column.notNull) return null;
    const value = json === null ? undefined : fieldKinds[field.kind].fromCursorJson(json);
    if (value === undefined) throw malformed();
    return value;
  });
}
