import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse } from 'graphql';
import type {
  ConstDirectiveNode,
  DefinitionNode,
  DocumentNode,
  GraphQLSchema,
  ObjectTypeDefinitionNode,
} from 'graphql';
import { resolvers } from '../../resolvers';
import { applyScopes, forbidden } from '../auth/requires';
import type { GatewayContext } from '../context';
import type { EntityType } from '../domain/global-id';
import { AppError, ErrorCode } from '../errors';
import { loadNode } from '../graph/nodes';
import { SCHEMA_DIR, loadTypeDefs } from '../schema';

/** The resolver map `buildSubgraphSchema` takes (the generated resolver types are stricter; the shapes agree). */
type SubgraphResolvers = Extract<
  Parameters<typeof buildSubgraphSchema>[0],
  { typeDefs: unknown }
>['resolvers'];

/** The entity types and the scope reading one by key needs (as their root fields). */
export const ENTITY_SCOPES = {
  Person: 'people:read',
  Lead: 'people:read',
  CreditReport: 'credit:read',
  Application: 'people:read',
  Policy: 'people:read',
} as const satisfies Record<'Person' | EntityType, string>;

/** Most representations one `_entities` call may ask for (each can cost vendor calls). */
export const MAX_REPRESENTATIONS = 100;

/** `_entities`' cost annotations, as `nodes(ids)` has them. */
const ENTITIES_COST = (
  parse(
    'type Q { f: Int @cost(calls: 2, perItem: true) @listSize(slicingArgument: "representations") }',
  ).definitions[0] as ObjectTypeDefinitionNode
).fields?.[0]?.directives;

/** The SDL that makes our schema a Federation 2 subgraph: the `@link` and the entity keys. */
export const FEDERATION_SDL = readFileSync(
  path.join(SCHEMA_DIR, 'federation', 'entities.graphql'),
  'utf8',
);

/** Reads an entity by its key through the request's loaders, with its root field's scope check. */
function resolveReference(type: keyof typeof ENTITY_SCOPES) {
  return async (reference: { id?: unknown }, ctx: GatewayContext) => {
    const scope = ENTITY_SCOPES[type];
    if (!ctx.caller.scopes.has(scope)) throw forbidden(scope);
    if (typeof reference.id !== 'string')
      throw new AppError(ErrorCode.BAD_USER_INPUT, `A ${type} representation needs its id`);
    // A copy that names its type: cached models are frozen, and the entity union needs the name.
    const node = await loadNode(reference.id, ctx, type);
    return node && { ...node, __typename: type };
  };
}

/**
 * Moves the directives of `extend type X @key(...)` onto X's own definition, so the subgraph
 * declares its entities plainly (`type Person implements Node @key(fields: "id")`) rather than as
 * extensions of a type it owns.
 */
function withKeysOnDefinitions(document: DocumentNode): DocumentNode {
  const keys = new Map<string, readonly ConstDirectiveNode[]>();
  for (const node of document.definitions)
    if (node.kind === Kind.OBJECT_TYPE_EXTENSION && !node.fields?.length)
      keys.set(node.name.value, [...(keys.get(node.name.value) ?? []), ...(node.directives ?? [])]);
  return {
    ...document,
    definitions: document.definitions.flatMap((node): DefinitionNode[] => {
      if (node.kind === Kind.OBJECT_TYPE_EXTENSION && keys.has(node.name.value)) return [];
      if (node.kind !== Kind.OBJECT_TYPE_DEFINITION || !keys.has(node.name.value)) return [node];
      return [
        { ...node, directives: [...(node.directives ?? []), ...(keys.get(node.name.value) ?? [])] },
      ];
    }),
  };
}

/**
 * The schema as a Federation 2 subgraph: the same types, resolvers and scope checks as `/graphql`,
 * plus `_service` and `_entities` resolving Person, Lead, CreditReport, Application and Policy
 * by `id` (at most `MAX_REPRESENTATIONS` per call).
 */
export function buildSubgraph(): GraphQLSchema {
  const typeDefs = withKeysOnDefinitions(parse([...loadTypeDefs(), FEDERATION_SDL].join('\n')));
  const entityResolvers = Object.fromEntries(
    (Object.keys(ENTITY_SCOPES) as (keyof typeof ENTITY_SCOPES)[]).map((type) => [
      type,
      { ...(resolvers[type] as object), __resolveReference: resolveReference(type) },
    ]),
  );
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: { ...resolvers, ...entityResolvers } as unknown as SubgraphResolvers,
  });
  const entities = schema.getQueryType()?.getFields()._entities;
  if (entities?.astNode) {
    // Priced like `nodes(ids)` for the cost limits: each representation is a read.
    entities.astNode = { ...entities.astNode, directives: ENTITIES_COST };
  }
  if (entities?.resolve) {
    const resolve = entities.resolve;
    entities.resolve = (source, args: { representations?: unknown[] }, ctx, info) => {
      if ((args.representations?.length ?? 0) > MAX_REPRESENTATIONS)
        throw new AppError(
          ErrorCode.BAD_USER_INPUT,
          `At most ${MAX_REPRESENTATIONS} representations per _entities call`,
          {
            fields: [
              { path: ['representations'], message: `must hold at most ${MAX_REPRESENTATIONS}` },
            ],
          },
        );
      return resolve(source, args, ctx, info);
    };
  }
  return applyScopes(schema);
}
