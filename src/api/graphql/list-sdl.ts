import { type EntitySpec, listTypeNames } from "./entity-spec.ts";
import { filterInputSdl } from "./filters.ts";
import { orderByEnumSdl } from "./ordering.ts";

/** Types shared by every list field. */
export const listTypeDefs = /* GraphQL */ `
  enum OrderDirection {
    asc
    desc
  }

  type PageInfo {
    hasNextPage: Boolean!
    "Pass as \`after\` to get the next page; null when the page is empty."
    endCursor: String
  }
`;

/** SDL of an entity's filter input, OrderBy enum and Page type. */
export function listTypesSdl(spec: EntitySpec): string {
  const names = listTypeNames(spec);
  const page = `type ${names.page} {
  items: [${spec.typeName}!]!
  pageInfo: PageInfo!
  "Rows matching \`where\`, across all pages."
  totalCount: Int!
}`;
  return [filterInputSdl(spec), orderByEnumSdl(spec), page].join("\n\n");
}

/** Argument list of a field returning the entity's Page type. */
export function listArgsSdl(spec: EntitySpec): string {
  const names = listTypeNames(spec);
  return `(where: ${names.filter}, orderBy: ${names.orderBy}, orderDirection: OrderDirection, first: Int, after: String)`;
}

/** A complete list field: `name(where, orderBy, orderDirection, first, after): EntityPage!`. */
export function listFieldSdl(name: string, spec: EntitySpec): string {
  return `${name}${listArgsSdl(spec)}: ${listTypeNames(spec).page}!`;
}
