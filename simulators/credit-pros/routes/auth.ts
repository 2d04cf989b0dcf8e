import type { FastifyInstance } from 'fastify';
import { bearerOf } from '../auth';
import { MESSAGES, ValidationErrors, sendMessage, sendValidation } from '../errors';
import { renderUser } from '../resources';
import { EMAIL_PATTERN, isJsonObject } from '../validation';
import { isoSeconds } from './deps';
import type { RouteDeps } from './deps';

/**
 * Staff session endpoints: `POST /auth/login` ({email, password} -> {token, user}) and
 * `POST /auth/refresh` (the bearer token, valid or expired -> a new {token, user}). Both need
 * the `x-api-key`. Wrong email or password: 401; disabled account: 403; missing fields: 422.
 */

export function registerAuthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store, auth } = deps;
  const keyOnly = { onRequest: auth.apiKeyOnly };

  app.post<{ Body: unknown }>('/auth/login', keyOnly, async (request, reply) => {
    const body = isJsonObject(request.body) ? request.body : {};
    const errors = new ValidationErrors();
    const { email, password } = body;
    if (email === undefined || email === null || email === '') {
      errors.add('email', 'The email field is required.');
    } else if (typeof email !== 'string' || !EMAIL_PATTERN.test(email)) {
      errors.add('email', 'The email field must be a valid email address.');
    }
    if (password === undefined || password === null || password === '') {
      errors.add('password', 'The password field is required.');
    } else if (typeof password !== 'string') {
      errors.add('password', 'The password field must be a string.');
    }
    if (!errors.isEmpty) return sendValidation(reply, errors);
    const user = store.staffUserByEmail(email as string);
    if (!user || user.password !== password) {
      return sendMessage(reply, 401, MESSAGES.unauthenticated);
    }
    if (user.is_disabled) return sendMessage(reply, 403, MESSAGES.accountDisabled);
    const token = auth.issue(user);
    store.recordLogin(user.id, isoSeconds(deps.clock()));
    return { token, user: renderUser(store, user) };
  });

  app.post('/auth/refresh', keyOnly, async (request, reply) => {
    const result = auth.refresh(bearerOf(request));
    if (!result.ok) return sendMessage(reply, result.status, result.message);
    return { token: result.token, user: renderUser(store, result.user) };
  });
}
