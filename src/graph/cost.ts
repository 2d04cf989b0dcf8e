import { Kind, getNamedType, isListType, getNullableType, valueFromASTUntyped } from 'graphql';
import type {
  DirectiveNode,
  DocumentNode,
  FieldDefinitionNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { isVendorId } from '../domain/vendor';
import type { VendorId } from '../domain/vendor';

/** The worst-case vendor calls of an operation: before the shared cache and batching help. */
export interface CostEstimate {
  total: number;
  byVendor: Partial<Record<VendorId, number>>;
}

/** A list field without `@listSize` is assumed this long. */
const DEFAULT_LIST_SIZE = 10;
/** Sizes taken from arguments are capped here (connections and `nodes` refuse more anyway). */
const MAX_LIST_SIZE = 100;

interface FieldCost {
  vendor: VendorId | null;
  calls: number;
  perItem: boolean;
  group: string | null;
}

function argument(directive: DirectiveNode, name: string): unknown {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value) : undefined;
}

/** The `@cost` and `@listSize` of a field, read once per field definition. */
const annotations = new WeakMap<
  FieldDefinitionNode,
  { costs: FieldCost[]; assumed: number | null; slicing: string | null }
>();

function annotationsOf(field: GraphQLField<unknown, unknown>) {
  const node = field.astNode;
  if (!node) return { costs: [], assumed: null, slicing: null };
  let found = annotations.get(node);
  if (!found) {
    const costs: FieldCost[] = [];
    let assumed: number | null = null;
    let slicing: string | null = null;
    for (const directive of node.directives ?? []) {
      if (directive.name.value === 'cost') {
        const vendor = argument(directive, 'vendor');
        costs.push({
          vendor: typeof vendor === 'string' && isVendorId(vendor) ? vendor : null,
          calls: Number(argument(directive, 'calls') ?? 0),
          perItem: argument(directive, 'perItem') === true,
          group: (argument(directive, 'group') as string | undefined) ?? null,
        });
      } else if (directive.name.value === 'listSize') {
        assumed = (argument(directive, 'assumed') as number | undefined) ?? null;
        slicing = (argument(directive, 'slicingArgument') as string | undefined) ?? null;
      }
    }
    found = { costs, assumed, slicing };
    annotations.set(node, found);
  }
  return found;
}

/**
 * Estimates the vendor calls of the operation `operationName` (or the only one) of a validated
 * document: every field's `@cost`, times the sizes of the lists above it (`@listSize`: an
 * argument's value, else the assumed size). Fragments are expanded; every alias counts (an alias
 * is another vendor read), so the estimate never undercounts.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): CostEstimate {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations[0];
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const estimate: CostEstimate = { total: 0, byVendor: {} };
  if (!operation) return estimate;
  const root = schema.getRootType(operation.operation);
  if (!root) return estimate;

  const sizeOf = (
    slicing: string | null,
    assumed: number | null,
    args: Record<string, unknown>,
    isList: boolean,
  ): number => {
    if (slicing && slicing in args) {
      const value = args[slicing];
      if (Array.isArray(value)) return Math.min(value.length, MAX_LIST_SIZE);
      if (typeof value === 'number') return Math.min(Math.max(value, 0), MAX_LIST_SIZE);
    }
    return assumed ?? (isList ? DEFAULT_LIST_SIZE : 1);
  };

  const walk = (
    type: GraphQLCompositeType,
    set: SelectionSetNode,
    multiplier: number,
    seenFragments: Set<string>,
    groups: Set<string>,
  ): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition
          ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType)
          : type;
        walk(condition, selection.selectionSet, multiplier, seenFragments, groups);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seenFragments.has(fragment.name.value)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType;
        walk(
          condition,
          fragment.selectionSet,
          multiplier,
          new Set([...seenFragments, fragment.name.value]),
          groups,
        );
        continue;
      }
      if (!('getFields' in type)) continue;
      const field = (type as GraphQLObjectType).getFields()[selection.name.value];
      if (!field) continue;
      const args: Record<string, unknown> = {};
      for (const arg of selection.arguments ?? [])
        args[arg.name.value] = valueFromASTUntyped(arg.value, variables);
      const isList = isListType(getNullableType(field.type));
      const { costs, assumed, slicing } = annotationsOf(field);
      const size = sizeOf(slicing, assumed, args, isList || slicing !== null);
      for (const cost of costs) {
        if (cost.group) {
          if (groups.has(`${cost.group}:${cost.vendor ?? ''}`)) continue;
          groups.add(`${cost.group}:${cost.vendor ?? ''}`);
        }
        const calls = cost.calls * multiplier * (cost.perItem ? size : 1);
        estimate.total += calls;
        if (cost.vendor)
          estimate.byVendor[cost.vendor] = (estimate.byVendor[cost.vendor] ?? 0) + calls;
      }
      if (selection.selectionSet) {
        const named = getNamedType(field.type) as GraphQLCompositeType;
        const childMultiplier =
          isList || slicing !== null || assumed !== null ? multiplier * size : multiplier;
        walk(named, selection.selectionSet, childMultiplier, seenFragments, new Set());
      }
    }
  };
  walk(root, operation.selectionSet, 1, new Set(), new Set());
  return estimate;
}
