import { z } from 'zod';
import { ORGANISATION_KINDS, ROLES } from '../../domain/roles.js';
import { createOrganisation, listOrganisations, updateOrganisation } from '../../services/organisations.js';
import { createProfile, listProfiles } from '../../services/profiles.js';
import { createUser, listUsers, unlockUser, updateUser } from '../../services/users.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';
import { nonEmptyText, uuidParam } from '../schemas.js';

/** Organisations, users and rule profiles: the reference data the procedure runs on. */
export function registerDirectoryRoutes(app: ZodApp, deps: AppDeps): void {
  app.get(
    '/api/organisations',
    { schema: { tags: ['organisations'], summary: '机构目录', querystring: z.object({ kind: z.enum(ORGANISATION_KINDS).optional() }) } },
    (request) => listOrganisations(serviceContext(deps, request), request.query),
  );
  app.post(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: '新增机构',
        body: z.object({ name: nonEmptyText(100), kind: z.enum(ORGANISATION_KINDS), code: z.string().trim().max(32).nullish() }),
      },
    },
    async (request, reply) => reply.status(201).send(await createOrganisation(serviceContext(deps, request), request.body)),
  );
  app.patch(
    '/api/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: '修改机构',
        params: uuidParam,
        body: z.object({ name: nonEmptyText(100).optional(), code: z.string().trim().max(32).nullish(), active: z.boolean().optional() }),
      },
    },
    (request) => updateOrganisation(serviceContext(deps, request), request.params.id, request.body),
  );

  app.get('/api/profiles', { schema: { tags: ['profiles'], summary: '规则版本' } }, (request) => listProfiles(serviceContext(deps, request)));
  // New Measures are data: the whole profile is validated by the domain schema in the service.
  app.post(
    '/api/profiles',
    { schema: { tags: ['profiles'], summary: '录入新的规则版本', body: z.record(z.string(), z.unknown()) } },
    async (request, reply) => reply.status(201).send(await createProfile(serviceContext(deps, request), request.body)),
  );

  const roles = z.array(z.enum(ROLES)).max(ROLES.length);
  app.get('/api/users', { schema: { tags: ['users'], summary: '用户列表' } }, (request) => listUsers(serviceContext(deps, request)));
  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '新建用户',
        body: z.object({
          username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/, { message: '用户名为 3–64 位字母、数字、点、下划线或连字符' }),
          displayName: nonEmptyText(64),
          password: z.string().min(1).max(256),
          roles,
          organisationId: z.uuid().nullish(),
          email: z.email({ message: '邮箱格式不正确' }).nullish(),
          phone: z.string().trim().regex(/^1\d{10}$/, { message: '手机号应为 11 位数字' }).nullish(),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(serviceContext(deps, request), request.body)),
  );
  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户',
        params: uuidParam,
        body: z.object({ displayName: nonEmptyText(64).optional(), roles: roles.optional(), organisationId: z.uuid().nullish(), active: z.boolean().optional() }),
      },
    },
    (request) => updateUser(serviceContext(deps, request), request.params.id, request.body),
  );
  app.post('/api/users/:id/unlock', { schema: { tags: ['users'], summary: '解除锁定', params: uuidParam } }, (request) =>
    unlockUser(serviceContext(deps, request), request.params.id),
  );
}
