import { MapperKind, getDirective, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { AppError, ErrorCode } from '../errors';
import type { Caller, Scope } from './scopes';
import { isScope } from './scopes';

/** The part of the context the scope checks read. */
export interface ScopedContext {
  caller: Caller;
}

export function forbidden(scope: Scope): AppError {
  return new AppError(ErrorCode.FORBIDDEN, `This field needs the ${scope} scope`, {
    extensions: { scope },
  });
}

/**
 * Enforces `@requires(scope: ...)`: each marked field's resolver first checks the caller's
 * scopes and, without the scope, resolves to null with a FORBIDDEN error naming it (the fields
 * are nullable, so the rest of the response still arrives). Fails at start on an unknown scope.
 */
export function applyScopes(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const directive = getDirective(schema, field, 'requires')?.[0] as
        { scope?: string } | undefined;
      if (!directive) return field;
      const scope = directive.scope ?? '';
      if (!isScope(scope))
        throw new Error(`${typeName}.${fieldName} requires an unknown scope "${scope}"`);
      const resolve = field.resolve ?? defaultFieldResolver;
      return {
        ...field,
        resolve(parent, args, context: ScopedContext, info) {
          if (!context.caller.scopes.has(scope)) throw forbidden(scope);
          return resolve(parent, args, context, info);
        },
      };
    },
  });
}
