export { login } from './login';
export { E2E_ADMIN, E2E_BASE_URL, E2E_DEMO_PASSWORD, E2E_PORT } from './constants';
