import { answers } from '../../contract/common.js';
import {
  organisation,
  organisationCreateBody,
  organisationList,
  organisationQuery,
  organisationUpdateBody,
  profileCreateBody,
  ruleProfileList,
  ruleProfileSummary,
  userCreateBody,
  userList,
  userRecord,
  userUpdateBody,
} from '../../contract/directory.js';
import { uuidParam } from '../../contract/primitives.js';
import { createOrganisation, listOrganisations, updateOrganisation } from '../../services/organisations.js';
import { createProfile, listProfiles } from '../../services/profiles.js';
import { createUser, listUsers, unlockUser, updateUser } from '../../services/users.js';
import { serviceContext, type AppDeps, type ZodApp } from '../deps.js';

/** Organisations, users and rule profiles: the reference data the procedure runs on. */
export function registerDirectoryRoutes(app: ZodApp, deps: AppDeps): void {
  const orgTags = ['organisations'];
  app.get(
    '/api/organisations',
    { schema: { tags: orgTags, summary: '机构目录', querystring: organisationQuery, response: answers({ 200: organisationList }) } },
    (request) => listOrganisations(serviceContext(deps, request), request.query),
  );
  app.post(
    '/api/organisations',
    { schema: { tags: orgTags, summary: '新增机构', body: organisationCreateBody, response: answers({ 201: organisation }) } },
    async (request, reply) => reply.status(201).send(await createOrganisation(serviceContext(deps, request), request.body)),
  );
  app.patch(
    '/api/organisations/:id',
    { schema: { tags: orgTags, summary: '修改机构', params: uuidParam, body: organisationUpdateBody, response: answers({ 200: organisation }) } },
    (request) => updateOrganisation(serviceContext(deps, request), request.params.id, request.body),
  );

  const profileTags = ['profiles'];
  app.get('/api/profiles', { schema: { tags: profileTags, summary: '规则版本', response: answers({ 200: ruleProfileList }) } }, (request) =>
    listProfiles(serviceContext(deps, request)),
  );
  // New Measures are data: the whole profile is validated by the domain schema in the service.
  app.post(
    '/api/profiles',
    { schema: { tags: profileTags, summary: '录入新的规则版本', body: profileCreateBody, response: answers({ 201: ruleProfileSummary }) } },
    async (request, reply) => reply.status(201).send(await createProfile(serviceContext(deps, request), request.body)),
  );

  const userTags = ['users'];
  app.get('/api/users', { schema: { tags: userTags, summary: '用户列表', response: answers({ 200: userList }) } }, (request) =>
    listUsers(serviceContext(deps, request)),
  );
  app.post(
    '/api/users',
    { schema: { tags: userTags, summary: '新建用户', body: userCreateBody, response: answers({ 201: userRecord }) } },
    async (request, reply) => reply.status(201).send(await createUser(serviceContext(deps, request), request.body)),
  );
  app.patch(
    '/api/users/:id',
    { schema: { tags: userTags, summary: '修改用户', params: uuidParam, body: userUpdateBody, response: answers({ 200: userRecord }) } },
    (request) => updateUser(serviceContext(deps, request), request.params.id, request.body),
  );
  app.post('/api/users/:id/unlock', { schema: { tags: userTags, summary: '解除锁定', params: uuidParam, response: answers({ 200: userRecord }) } }, (request) =>
    unlockUser(serviceContext(deps, request), request.params.id),
  );
}
